// Package chart draws an answer's figures that compare (bot.Chart) as a
// bar chart: one bar per figure, labelled with who gives it and when, the
// figure as written at the end of its bar, ranges drawn as ranges and
// "about" or "more than" marked. SVG for the web page, PNG for the chat
// platforms, both drawn with gonum's plot package.
package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"

	"git.sr.ht/~sbinet/gg"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/racebot/racebot/bot"
)

// Size of a chart: wide enough for a label and a figure beside each bar,
// and a row per bar. It is drawn at 72 dots per inch, where a point is a
// pixel: at any other resolution the text is drawn through a scaling
// transform that takes half the time of a chart. Lengths and type are
// scaled up instead, to a 672-pixel-wide image, 7 inches at 96 dpi.
const (
	scale     = 96.0 / 72
	width     = 7 * vg.Inch * scale
	rowHeight = 0.45 * vg.Inch * scale
	frame     = 1.3 * vg.Inch * scale // title, axis and margins
	dpi       = 72
	maxLabel  = 42 // characters of a bar's label before it is cut
	maxText   = 36 // characters of the figure written beside a bar
)

// Colours: the bar, and the part of a range above its low end; both with
// at least 3:1 contrast against white.
var (
	barColor   = color.RGBA{R: 0x0b, G: 0x57, B: 0xd0, A: 0xff}
	rangeColor = color.RGBA{R: 0x6f, G: 0x9b, B: 0xe6, A: 0xff}
)

// SVG draws c as an SVG document.
func SVG(c *bot.Chart) ([]byte, error) {
	p, h, err := build(c)
	if err != nil {
		return nil, err
	}
	canvas := vgsvg.New(width, h)
	p.Draw(draw.New(canvas))
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("write chart as SVG: %w", err)
	}
	return buf.Bytes(), nil
}

// PNG draws c as a PNG image.
func PNG(c *bot.Chart) ([]byte, error) {
	p, h, err := build(c)
	if err != nil {
		return nil, err
	}
	// The canvas draws into an image of ours through a context made for
	// it: given only the image, gg would copy it first.
	img := image.NewRGBA(image.Rect(0, 0, int(math.Round(float64(width))), int(math.Round(float64(h))))) // a point a pixel at 72 dpi
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	canvas := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
	p.Draw(draw.New(canvas))
	var buf bytes.Buffer
	// Fast compression: a chart is a few flat colours, which compress
	// well anyway, and the default level takes a third of the time.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, canvas.Image()); err != nil {
		return nil, fmt.Errorf("write chart as PNG: %w", err)
	}
	return buf.Bytes(), nil
}

func init() {
	// Sans serif reads better small, on a screen; gonum's default is serif.
	plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
}

// maxValue bounds what a chart draws: no figure about the AI race comes
// near it, and past it the scale of every other bar would be lost (and
// near the largest float64, the axis overflows).
const maxValue = 1e15

// build lays c out, and returns it with the height it needs: points on a
// time axis for figures reported over time, else a horizontal bar chart.
func build(c *bot.Chart) (*plot.Plot, vg.Length, error) {
	if c != nil && c.OverTime && len(c.Bars) > 0 {
		if err := check(c); err != nil {
			return nil, 0, err
		}
		p, err := timeline(c)
		return p, timeHeight, err
	}
	return bars(c)
}

// timeHeight is the height of a chart over time.
const timeHeight = 3.2 * vg.Inch * scale

// check refuses a chart with a value it cannot draw.
func check(c *bot.Chart) error {
	for _, b := range c.Bars {
		for _, v := range []float64{b.Value, b.Low, b.High} {
			if math.IsNaN(v) || math.Abs(v) > maxValue {
				return fmt.Errorf("draw chart: figure %q is out of range", b.Text)
			}
		}
	}
	return nil
}

// timeline draws figures reported over time: a point a day, joined, each
// labelled with the figure as written, a range as a vertical bar from its
// low to its high end, the days on the horizontal axis.
func timeline(c *bot.Chart) (*plot.Plot, error) {
	p := newPlot(c)
	p.Y.Label.Text = c.Unit
	p.Y.Tick.Marker = ticks{money: c.Unit == "USD"}
	p.X.Tick.Marker = plot.TimeTicks{Format: "2006-01-02"}
	pts := make(plotter.XYs, len(c.Bars))
	errs := make(plotter.YErrors, len(c.Bars))
	labels := make([]string, len(c.Bars))
	top, bottom := 0.0, 0.0
	for i, b := range c.Bars {
		pts[i] = plotter.XY{X: float64(b.Date.Unix()), Y: b.Value}
		errs[i].Low, errs[i].High = b.Value-b.Low, b.High-b.Value
		labels[i] = bot.Truncate(b.Text, maxText) // as written: its qualifier is in it
		top, bottom = math.Max(top, b.High), math.Min(bottom, b.Low)
	}
	p.Y.Min, p.Y.Max = bottom, top*1.25
	if p.Y.Max <= p.Y.Min {
		p.Y.Max = p.Y.Min + 1
	}
	// Room either side, so that the first and last labels fit.
	span := pts[len(pts)-1].X - pts[0].X
	p.X.Min, p.X.Max = pts[0].X-span/4, pts[len(pts)-1].X+span/4
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return nil, fmt.Errorf("draw chart: %w", err)
	}
	line.Color, line.Width = rangeColor, vg.Points(1.5*scale)
	points.Color, points.Shape, points.Radius = barColor, draw.CircleGlyph{}, vg.Points(4*scale)
	ranges, err := plotter.NewYErrorBars(struct {
		plotter.XYer
		plotter.YErrorer
	}{pts, errs})
	if err != nil {
		return nil, fmt.Errorf("draw chart: %w", err)
	}
	ranges.Color, ranges.LineStyle.Width = barColor, vg.Points(2*scale)
	text, err := figureLabels(pts, labels, draw.XCenter, draw.YBottom, vg.Point{Y: 6 * scale})
	if err != nil {
		return nil, err
	}
	p.Add(line, ranges, points, text)
	return p, nil
}

// figureLabels writes each figure as written at its point, aligned to it
// as given and offset from it.
func figureLabels(at plotter.XYs, texts []string, x draw.XAlignment, y draw.YAlignment, offset vg.Point) (*plotter.Labels, error) {
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: at, Labels: texts})
	if err != nil {
		return nil, fmt.Errorf("draw chart: %w", err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = plot.DefaultFont
		l.TextStyle[i].Font.Size = 10 * scale
		l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = x, y
	}
	l.Offset = offset
	return l, nil
}

// newPlot is a plot titled for c, in racebot's type sizes.
func newPlot(c *bot.Chart) *plot.Plot {
	p := plot.New()
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label} {
		st.Font.Size *= scale
	}
	p.X.Tick.Length *= scale
	p.Y.Tick.Length *= scale
	p.Title.Text = c.Title
	if !strings.EqualFold(c.Title, c.Unit) {
		p.Title.Text += " (" + c.Unit + ")"
	}
	return p
}

// bars lays c out as a horizontal bar chart, first bar on top, and returns
// it with the height it needs.
func bars(c *bot.Chart) (*plot.Plot, vg.Length, error) {
	if c == nil || len(c.Bars) == 0 {
		return nil, 0, fmt.Errorf("draw chart: no figures")
	}
	if err := check(c); err != nil {
		return nil, 0, err
	}
	n := len(c.Bars)
	low, extra := make(plotter.Values, n), make(plotter.Values, n)
	labels := make([]string, n)
	texts := make([]string, n)
	at := make(plotter.XYs, n)
	top := 0.0
	for i, b := range c.Bars {
		row := n - 1 - i // gonum counts rows from the bottom
		lo, hi := b.Low, b.High
		if hi < lo {
			lo, hi = hi, lo
		}
		low[row], extra[row] = lo, hi-lo
		labels[row] = bot.Truncate(mark(b.Qualifier)+b.Label, maxLabel)
		texts[row] = bot.Truncate(b.Text, maxText)
		at[row] = plotter.XY{X: hi, Y: float64(row)}
		top = math.Max(top, hi)
	}
	p := newPlot(c)
	p.X.Label.Text = c.Unit
	p.X.Tick.Marker = ticks{money: c.Unit == "USD"}
	p.X.Min = math.Min(0, minOf(low))
	// Room to the right of the longest bar for its figure.
	p.X.Max = top * 1.6
	if p.X.Max <= p.X.Min {
		p.X.Max = p.X.Min + 1
	}

	bars, err := plotter.NewBarChart(low, 0.6*rowHeight)
	if err != nil {
		return nil, 0, fmt.Errorf("draw chart: %w", err)
	}
	bars.Horizontal, bars.Color, bars.LineStyle.Width = true, barColor, 0
	ranges, err := plotter.NewBarChart(extra, 0.6*rowHeight)
	if err != nil {
		return nil, 0, fmt.Errorf("draw chart: %w", err)
	}
	ranges.Horizontal, ranges.Color, ranges.LineStyle.Width = true, rangeColor, 0
	ranges.StackOn(bars)
	figures, err := figureLabels(at, texts, draw.XLeft, draw.YCenter, vg.Point{X: 4 * scale})
	if err != nil {
		return nil, 0, err
	}
	p.Add(bars, ranges, figures)
	p.NominalY(labels...)
	return p, frame + vg.Length(n)*rowHeight, nil
}

// mark is how a bar's label shows a qualifier: "≈ " for about, "> " for
// more than.
func mark(q string) string {
	switch q {
	case "about":
		return "≈ "
	case "more than":
		return "> "
	case "at least":
		return "≥ "
	case "up to":
		return "≤ "
	}
	return ""
}

func minOf(vs plotter.Values) float64 {
	m := 0.0
	for _, v := range vs {
		m = math.Min(m, v)
	}
	return m
}

// ticks labels the value axis as people write large numbers: 50K, 1.6B,
// $500B.
type ticks struct{ money bool }

// Ticks implements plot.Ticker.
func (t ticks) Ticks(min, max float64) []plot.Tick {
	out := plot.DefaultTicks{}.Ticks(min, max)
	for i := range out {
		if out[i].Label != "" {
			out[i].Label = short(out[i].Value, t.money)
		}
	}
	return out
}

// short writes v with a K, M, B or T suffix and at most three significant
// digits, and a dollar sign for money.
func short(v float64, money bool) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	suffix := ""
	for _, s := range []struct {
		at  float64
		sfx string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}} {
		if v >= s.at {
			v, suffix = v/s.at, s.sfx
			break
		}
	}
	num := strconv.FormatFloat(v, 'g', 3, 64)
	if strings.ContainsAny(num, "e") {
		num = strconv.FormatFloat(v, 'f', 0, 64)
	}
	if money {
		return sign + "$" + num + suffix
	}
	return sign + num + suffix
}
