package web

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// noiseNames are parts of the ids and classes of consent banners, sign-up
// boxes and share bars, which readability sometimes keeps when they sit
// inside the article.
var noiseNames = []string{
	"cookie", "consent", "gdpr", "onetrust", "didomi", "cmp-", "newsletter", "signup", "sign-up",
	"subscribe-box", "subscribe-banner", "subscribe-cta", "sharebar", "share-bar", "sharetools", "share-tools",
	"sharebuttons", "share-buttons", "socialshare", "social-share",
}

// isNoise reports whether an element's id and class name page furniture.
// Substring tests, not a regular expression: this runs on every element of
// pages that have thousands.
func isNoise(idClass string) bool {
	if idClass == " " {
		return false
	}
	s := strings.ToLower(idClass)
	for _, n := range noiseNames {
		if strings.Contains(s, n) {
			return true
		}
	}
	for f := range strings.FieldsSeq(s) {
		if f == "cmp" {
			return true
		}
	}
	return false
}

// noiseRole is the ARIA roles of page furniture.
var noiseRole = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "dialog": true, "alertdialog": true, "complementary": true, "search": true}

// removeNoise drops what is never article text — navigation, consent
// banners, sign-up boxes, forms — before readability looks for the article,
// so that none of it is mistaken for part of it.
func removeNoise(doc *html.Node) {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Nav, atom.Form, atom.Button, atom.Dialog, atom.Iframe, atom.Noscript, atom.Template, atom.Svg:
				drop = append(drop, n)
				return
			case atom.Body, atom.Html, atom.Main, atom.Article:
			default:
				if noiseRole[strings.ToLower(attr(n, "role"))] || strings.EqualFold(attr(n, "aria-modal"), "true") ||
					isNoise(attr(n, "id")+" "+attr(n, "class")) {
					drop = append(drop, n)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// boilerplate matches a short paragraph that is page furniture rather than
// text: "Advertisement", "Read more", "Share this article".
var boilerplate = regexp.MustCompile(`(?i)^(advertisement|advert|ad|sponsored|read more|continue reading|share( this( article| story)?)?|related( articles| stories)?|sign up.*|subscribe.*|follow us.*|click here.*|loading…?|\.\.\.)$`)

// leadingMarks are bullet and quote marks at the start of a paragraph,
// which the body format would misread (a "- " line is a list item).
var leadingMarks = regexp.MustCompile(`^(?:[-–—•*#>|]+\s+)+`)

// textWriter renders the article's HTML as the corpus body format.
type textWriter struct {
	title string
	out   []string // paragraphs, headings ("## ") and items ("- ")
	cur   strings.Builder
	item  string // "- " inside a list item: its text is an item wherever a block ends it
	text  int    // characters of paragraph text, headings excluded
}

// renderText turns the article node readability found into the article
// format: paragraphs separated by blank lines, "## " headings, "- " list
// items. It returns the body and its number of text characters, which tells
// an article from a stub. A heading that repeats the title is dropped.
func renderText(n *html.Node, title string) (string, int) {
	w := &textWriter{title: title}
	w.walk(n)
	w.flush("")
	var b strings.Builder
	for i, s := range w.out {
		if i > 0 {
			// List items stay together, one a line, so that the corpus
			// splitter groups them with the paragraph that leads in.
			if strings.HasPrefix(s, "- ") && strings.HasPrefix(w.out[i-1], "- ") {
				b.WriteByte('\n')
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(s)
	}
	return b.String(), w.text
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Svg, atom.Figure, atom.Picture, atom.Img, atom.Video, atom.Audio,
		atom.Iframe, atom.Button, atom.Form, atom.Nav, atom.Template, atom.Head, atom.Canvas, atom.Math:
		return
	case atom.Br:
		w.cur.WriteByte(' ')
		return
	case atom.Hr:
		w.flush("")
		return
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flush("")
		w.children(n)
		w.flush("## ")
		return
	case atom.Li, atom.Dt, atom.Dd:
		w.flush("")
		outer := w.item
		w.item = "- "
		w.children(n)
		w.flush("- ")
		w.item = outer
		return
	case atom.Td, atom.Th:
		w.children(n)
		w.cur.WriteString(" · ")
		return
	}
	block := isBlock(n.DataAtom)
	if block {
		w.flush("")
	}
	w.children(n)
	if block {
		w.flush("")
	}
}

func (w *textWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// flush ends the current paragraph, written with prefix ("## " for a
// heading, "- " for a list item, "" for text).
func (w *textWriter) flush(prefix string) {
	if prefix == "" {
		prefix = w.item
	}
	s := oneLine(w.cur.String())
	w.cur.Reset()
	s = strings.TrimSuffix(s, " ·")
	s = strings.TrimSpace(leadingMarks.ReplaceAllString(s, ""))
	if s == "" || boilerplate.MatchString(s) {
		return
	}
	if prefix == "## " {
		if strings.EqualFold(s, w.title) {
			return
		}
		// A heading that ends with a full stop or runs on is a paragraph set
		// in bold; Split would not take it for a heading either.
		if utf8.RuneCountInString(s) > 120 {
			prefix = ""
		}
	}
	if prefix != "## " {
		w.text += utf8.RuneCountInString(s)
	}
	w.out = append(w.out, prefix+s)
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside,
		atom.Blockquote, atom.Pre, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Tr, atom.Thead, atom.Tbody,
		atom.Tfoot, atom.Caption, atom.Figcaption, atom.Address, atom.Details, atom.Summary, atom.Body, atom.Html:
		return true
	}
	return false
}
