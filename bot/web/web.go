// Package web is racebot's web page: a question box and the answer laid out
// as in chat (from bot.Document, so the page is one more renderer of the
// same layout), permalinks (/ask?q=), and the list of articles and feeds
// (/sources). It is server-rendered with html/template and needs no
// JavaScript; every page is sent with a Content-Security-Policy that allows
// nothing but its own style sheet, so that nothing an article or a question
// holds can run in a reader's browser.
package web

import (
	"bytes"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/chart"
)

// maxQuery is the most bytes of a question or filter the page reads from
// its URL; racebot's own limit on questions is far below it, and longer
// ones get its notice, not a truncated answer.
const maxQuery = 16 << 10

// Options configure a Handler.
type Options struct {
	// ClientIP returns the address a request comes from, for rate
	// limiting: each address is a user of its own, as on the HTTP API.
	ClientIP func(*http.Request) string
	// Location is the time zone times of day are shown in; nil is UTC.
	Location *time.Location
	// Now returns the current time; nil is time.Now.
	Now func() time.Time
	// Logger receives rendering failures; nil discards them.
	Logger *slog.Logger
}

// Handler serves the web page. Register adds its routes to a mux.
type Handler struct {
	chat bot.Handler
	opts Options
	log  *slog.Logger
}

// New returns the web page asking chat.
func New(chat bot.Handler, opts Options) *Handler {
	if opts.ClientIP == nil {
		opts.ClientIP = func(r *http.Request) string { return r.RemoteAddr }
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handler{chat: chat, opts: opts, log: log}
}

// Register adds the page's routes to mux: / (the question box), /ask?q=
// (an answer, a permalink), /sources?q= and the style sheet.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", h.home)
	mux.HandleFunc("GET /ask", h.ask)
	mux.HandleFunc("GET /sources", h.sources)
	mux.HandleFunc("GET /timeline", h.timeline)
	mux.HandleFunc("GET /chart.png", h.chartPNG)
	mux.HandleFunc("GET "+stylePath, serveStatic("racebot.css", "text/css; charset=utf-8"))
	mux.HandleFunc("GET "+iconPath, serveStatic("icon.svg", "image/svg+xml"))
}

// ChartURL is the address of the chart of a question's answer, as a PNG,
// on a page served at base, or "" when base is not an http(s) URL.
func ChartURL(base, question string) string {
	u := AskURL(base, question)
	if u == "" {
		return ""
	}
	path, query, _ := strings.Cut(u, "?")
	return strings.TrimSuffix(path, "/ask") + "/chart.png?" + query
}

// AskURL is the permalink of a question's answer on a page served at
// base (RACEBOT_PUBLIC_URL), or "" when base is not an http(s) URL.
func AskURL(base, question string) string {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/ask"
	u.RawQuery = url.Values{"q": {question}}.Encode()
	u.Fragment = ""
	return u.String()
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	h.write(w, r, http.StatusOK, &page{Title: "racebot", Nav: "ask"})
}

func (h *Handler) ask(w http.ResponseWriter, r *http.Request) {
	q, ok := query(r)
	if !ok {
		h.write(w, r, http.StatusRequestURITooLong, &page{Title: "racebot", Nav: "ask",
			Doc: bot.NoticeDocument("That question is too long to read. Ask it in fewer words.", bot.TonePlain)})
		return
	}
	if strings.TrimSpace(q) == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	reply := h.handle(r, bot.CommandAsk, q)
	p := &page{Title: bot.Truncate(strings.Join(strings.Fields(q), " "), 70) + " · racebot", Nav: "ask", Question: q,
		Doc: bot.ReplyDocument(reply, h.opts.Location, h.opts.Now())}
	h.write(w, r, status(w, reply), p)
}

// chartPNG serves the chart of a question's answer as a PNG, for chat
// platforms that show images by address (Slack); 404 when the answer has
// none. It asks like the page, within the same limits.
func (h *Handler) chartPNG(w http.ResponseWriter, r *http.Request) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
	q, ok := query(r)
	if !ok || strings.TrimSpace(q) == "" {
		http.Error(w, "no question", http.StatusBadRequest)
		return
	}
	reply := h.handle(r, bot.CommandAsk, q)
	if code := status(w, reply); code != http.StatusOK {
		http.Error(w, reply.Text, code)
		return
	}
	c := bot.ChartOf(reply.Answer)
	if reply.Kind != bot.ReplyAnswer || c == nil {
		http.Error(w, "that answer has no chart", http.StatusNotFound)
		return
	}
	img, err := chart.PNG(c)
	if err != nil {
		h.log.Warn("draw chart", "err", err)
		http.Error(w, "that answer has no chart", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(img)
}

// timeline shows what the articles say happened on a topic, newest first.
func (h *Handler) timeline(w http.ResponseWriter, r *http.Request) {
	q, ok := query(r)
	p := &page{Title: "Timeline · racebot", Nav: "timeline", Question: q}
	switch {
	case !ok:
		p.Doc = bot.NoticeDocument("That topic is too long to read. Name it in fewer words.", bot.TonePlain)
		h.write(w, r, http.StatusRequestURITooLong, p)
		return
	case strings.TrimSpace(q) == "":
		h.write(w, r, http.StatusOK, p)
		return
	}
	reply := h.handle(r, bot.CommandTimeline, q)
	p.Title = bot.Truncate(strings.Join(strings.Fields(q), " "), 60) + " · timeline · racebot"
	p.Doc = bot.ReplyDocument(reply, h.opts.Location, h.opts.Now())
	h.write(w, r, status(w, reply), p)
}

func (h *Handler) sources(w http.ResponseWriter, r *http.Request) {
	q, ok := query(r)
	if !ok {
		q = ""
	}
	reply := h.handle(r, bot.CommandSources, q)
	p := &page{Title: "Sources · racebot", Nav: "sources", Filter: q,
		Doc: bot.ReplyDocument(reply, h.opts.Location, h.opts.Now())}
	h.write(w, r, status(w, reply), p)
}

// query returns the q parameter, or false when it is too long to read.
func query(r *http.Request) (string, bool) {
	if len(r.URL.RawQuery) > 3*maxQuery {
		return "", false
	}
	q := r.URL.Query().Get("q")
	return q, len(q) <= maxQuery
}

// handle asks chat, as the client's address: each address is a user and a
// channel of its own, so that a few abusive clients cannot lock out every
// other, and the page shares the rate limit of every other interface.
func (h *Handler) handle(r *http.Request, cmd bot.Command, text string) bot.Reply {
	ip := h.opts.ClientIP(r)
	return h.chat.Handle(r.Context(), bot.Request{Platform: "web", User: ip, Channel: "web:" + ip, Command: cmd, Text: text})
}

// status sets Retry-After on a rate-limit or busy notice and returns the
// page's status code.
func status(w http.ResponseWriter, reply bot.Reply) int {
	if reply.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(reply.RetryAfter.Seconds()+0.999)))
	}
	switch {
	case reply.Busy:
		return http.StatusServiceUnavailable
	case reply.RetryAfter > 0:
		return http.StatusTooManyRequests
	case reply.Failed:
		return http.StatusInternalServerError
	}
	return http.StatusOK
}

// securityHeaders are sent with every page: nothing but the page's own
// style sheet loads, no script runs, forms post only to the page, and no
// other site may frame it.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "no-referrer",
	"X-Frame-Options":         "DENY",
}

// write renders p. It renders into a buffer first, so that a failure is a
// clean 500 rather than half a page.
func (h *Handler) write(w http.ResponseWriter, r *http.Request, code int, p *page) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		h.log.Error("render web page", "path", r.URL.Path, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(bot.Apology + "\n"))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// stylePath is where the style sheet is served: a path of its own, so that
// the policy can allow it and nothing inline.
const stylePath = "/static/racebot.css"

// iconPath is where the page's icon is served.
const iconPath = "/static/icon.svg"

// serveStatic serves an embedded file of the page's.
func serveStatic(name, contentType string) http.HandlerFunc {
	data, err := files.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", securityHeaders["Content-Security-Policy"])
		w.Write(data)
	}
}

// page is what the page template shows.
type page struct {
	Title    string
	Nav      string // "ask" or "sources": the current page
	Question string // the question asked, to fill the box again
	Filter   string // the words /sources was filtered by
	Doc      *bot.Document
}

var pageTemplate = template.Must(template.New("page.html").Funcs(template.FuncMap{
	"segments":   segments,
	"chartImage": chartImage,
	"safeURL":    safeURL,
	"paragraphs": func(s string) []string { return strings.Split(strings.TrimSpace(s), "\n\n") },
	"minus":      func(a, b int) int { return a - b },
	// The box takes a question as long as racebot answers, and room
	// for filters (since:2025-06 source:reuters), which do not count.
	"maxLen": func() int { return bot.MaxQuestionLen + 100 },
}).ParseFS(files, "page.html"))
