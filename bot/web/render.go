package web

import (
	"embed"
	"encoding/base64"
	"html/template"
	"net/url"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/chart"
)

//go:embed page.html racebot.css icon.svg
var files embed.FS

// segments are a quoted passage cut at its highlights. The page shows
// passages whole: it is the full version of a chat answer, which cuts them.
func segments(q *bot.Quote) []bot.Segment {
	if q == nil {
		return nil
	}
	return q.Passage.Segments()
}

// safeURL returns an article's address when it is one a reader can follow
// without harm, http or https with a host, and "" otherwise: a corpus file
// or a feed may hold a javascript: or data: link, which html/template
// would defuse, but which is better not shown as a link at all.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	return u.String()
}

// chartImage returns a chart as an SVG data: address for an <img>, or ""
// when it cannot be drawn. As an image, an SVG runs no script and loads
// nothing, whatever its text holds, and the page's policy allows data:
// images and nothing else.
func chartImage(c *bot.Chart) template.URL {
	svg, err := chart.SVG(c)
	if err != nil {
		return ""
	}
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg)) // #nosec: drawn here, not taken from input
}
