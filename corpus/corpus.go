// Package corpus holds racebot's domain types — articles, their sources and
// the passages they are split into — and reads them from Markdown files with
// YAML front matter.
//
// The starter corpus is embedded in the binary (see Embedded), so racebot
// answers questions with no files beside it; a folder of the same format can
// be used instead.
package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/racebot/racebot/corpus/figure"
)

//go:embed articles/*.md
var embedded embed.FS

// Embedded returns the starter corpus compiled into the binary.
func Embedded() fs.FS {
	sub, err := fs.Sub(embedded, "articles")
	if err != nil {
		// fs.Sub only fails on an invalid path, and "articles" is a constant.
		panic(err)
	}
	return sub
}

// Article kinds.
const (
	KindArticle = "article" // a news article as published
	KindSummary = "summary" // written for this corpus from the cited sources
)

// Article is one Markdown file of the corpus.
type Article struct {
	ID        string // unique, kebab-case; defaults to the file name
	Title     string
	Published time.Time
	Kind      string   // KindArticle or KindSummary
	Sources   []Source // at least one; the first is the one to cite
	Tags      []string

	Path     string    // slash-separated path within the corpus file system
	Hash     string    // hex SHA-256 of the file's bytes
	Passages []Passage // in order of appearance
}

// Source is a publication an article is based on.
type Source struct {
	Publisher string
	Title     string
	URL       string
	Date      time.Time
}

// Cite returns the source an answer should cite for the article: the first.
func (a *Article) Cite() Source {
	if len(a.Sources) == 0 {
		return Source{}
	}
	return a.Sources[0]
}

// Passage is one paragraph of an article: the unit racebot searches, ranks
// and quotes.
type Passage struct {
	Article   string // the article's ID
	Paragraph int    // 1-based position within the article
	Line      int    // line of the file where the passage starts
	Heading   string // the nearest heading above the passage, if any
	Text      string // the paragraph as written (bullets keep their "- ")
	Figures   []figure.Figure
}

// ID returns the passage's document identifier: "<article>/<paragraph>".
func (p *Passage) ID() string { return fmt.Sprintf("%s/%d", p.Article, p.Paragraph) }

// ParseError reports a corpus file that could not be read, with the line it
// went wrong on when that is known.
type ParseError struct {
	Path string
	Line int // 0 when the error is not tied to a line
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
