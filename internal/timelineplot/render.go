// Package timelineplot draws dated events as a PNG chart: a time axis
// with each event a labelled point (a span a bar, an approximate date
// hollow and dashed), labels staggered on lanes so none overlap, and long
// empty stretches of time shortened and marked as breaks.
package timelineplot

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/citebot/citebot/corpus"
)

// ErrNoEvents is returned by Render when there is nothing to draw.
var ErrNoEvents = errors.New("timelineplot: no events to draw")

// Options shape the chart. Zero fields take the defaults.
type Options struct {
	// Title is drawn above the chart (default "Timeline").
	Title string
	// WidthPx is the image width in pixels (default and least 1200).
	WidthPx int
	// MaxLanes caps the label lanes (default 24); events beyond are drawn
	// without a label, and the caption says how many.
	MaxLanes int
}

// Sizes, in points at 96 dpi (1 px = 0.75 pt).
const (
	dpi         = 96
	minWidthPx  = 1200
	laneHeight  = vg.Length(25)
	labelSize   = vg.Length(14)
	tickSize    = vg.Length(13)
	titleSize   = vg.Length(18)
	markerR     = vg.Length(5)
	barWidth    = vg.Length(7)
	labelGap    = vg.Length(7)
	labelPad    = vg.Length(12) // least room between two labels on a lane
	maxLabelLen = 38            // characters of event text in a label
)

// Colours: dark text on an opaque light background reads the same in
// Discord's dark and light themes.
var (
	background = color.RGBA{R: 0xfa, G: 0xfa, B: 0xfb, A: 0xff}
	ink        = color.RGBA{R: 0x1e, G: 0x1f, B: 0x22, A: 0xff}
	accent     = color.RGBA{R: 0x3b, G: 0x4c, B: 0xd6, A: 0xff}
	faint      = color.RGBA{R: 0xd5, G: 0xd7, B: 0xdc, A: 0xff}
	muted      = color.RGBA{R: 0x5c, G: 0x5f, B: 0x66, A: 0xff}
)

// sans is the chart's typeface, shipped with gonum/plot.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// item is one event prepared for drawing.
type item struct {
	from, to    float64
	label       string // the date and the start of the sentence
	short       string // the date alone, for crowded stretches
	approximate bool
	point       bool
}

// Render draws events as a PNG image.
func Render(events []corpus.Event, o Options) ([]byte, error) {
	if len(events) == 0 {
		return nil, ErrNoEvents
	}
	if o.Title == "" {
		o.Title = "Timeline"
	}
	o.WidthPx = max(o.WidthPx, minWidthPx)
	if o.MaxLanes <= 0 {
		o.MaxLanes = 24
	}
	items := make([]item, 0, len(events))
	var knots []float64
	var spans [][2]float64
	for _, e := range events {
		from, to := span(e)
		it := item{from: from, to: to, label: eventLabel(e), short: dateLabel(e), approximate: slices.Contains(e.Flags, "approximate")}
		it.point = e.Start == e.End
		items = append(items, it)
		knots = append(knots, from, to)
		spans = append(spans, [2]float64{from, to})
	}
	slices.SortStableFunc(items, func(a, b item) int {
		switch {
		case a.from < b.from:
			return -1
		case a.from > b.from:
			return 1
		}
		return 0
	})

	lo, hi := slices.Min(knots), slices.Max(knots)
	scale := newGapScale(spans, max(5, (hi-lo)/25))
	total := scale.at(hi) - scale.at(lo)
	pad := max(total*0.02, 0.5)
	xmin, xmax := lo-pad, hi+pad

	p := plot.New()
	p.BackgroundColor = background
	p.Title.Text = o.Title
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = 10
	p.X.Min, p.X.Max = xmin, xmax
	p.X.Scale = scale
	p.X.Color = muted
	p.X.Tick.Color = muted
	p.X.Tick.Label.Font = font.From(sans, tickSize)
	p.X.Tick.Label.Color = ink
	p.X.Label.TextStyle.Font = font.From(sans, 11)
	p.X.Label.TextStyle.Color = muted
	p.HideY()
	p.Y.Min, p.Y.Max = 0, 1

	width := vg.Length(o.WidthPx) * 72 / dpi
	// The tick spacing and the lanes depend only on the width of the data
	// area, which the height does not change: measure it on a trial canvas.
	trial := vgimg.NewWith(vgimg.UseWH(width, 400), vgimg.UseDPI(dpi))
	p.X.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick { return scale.ticks(min, max, 0.07) })
	trialData := p.DataCanvas(draw.New(trial))
	ev := &eventsPlotter{items: items, maxLanes: o.MaxLanes, style: labelStyle(), breaks: scale.breaks}
	lanes, shortened, dropped := ev.layout(trialData, p)
	caption := "dot: a date · bar: a span · hollow or dashed: approximate · ≈ on the axis: years left out"
	switch {
	case shortened > 0 && dropped > 0:
		caption += fmt.Sprintf("   (for room, %d labels show the date only and %d none)", shortened, dropped)
	case shortened > 0:
		caption += fmt.Sprintf("   (for room, %d labels show the date only)", shortened)
	case dropped > 0:
		caption += fmt.Sprintf("   (%d labels left out for room)", dropped)
	}
	p.X.Label.Text = caption

	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = faint
	grid.Vertical.Width = 0.5
	p.Add(grid, ev)

	overhead := vg.Length(400) - (trialData.Max.Y - trialData.Min.Y)
	height := overhead + vg.Length(lanes)*laneHeight + laneHeight
	canvas := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(background))
	p.Draw(draw.New(canvas))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("timelineplot: encode PNG: %w", err)
	}
	return buf.Bytes(), nil
}

func labelStyle() draw.TextStyle {
	return draw.TextStyle{
		Color:   ink,
		Font:    font.From(sans, labelSize),
		Handler: plot.DefaultTextHandler,
		YAlign:  draw.YCenter,
	}
}

// dateLabel is the date as written, marked when approximate or open:
// "January 3, 1992", "≈ mid-19th century", "after 1537 →".
func dateLabel(e corpus.Event) string {
	date := strings.Trim(strings.TrimSpace(e.Label), "()")
	if date == "" {
		date = e.Start.String()
	}
	switch {
	case slices.Contains(e.Flags, "approximate"):
		date = "≈ " + date
	case slices.Contains(e.Flags, "open-end"):
		date += " →"
	case slices.Contains(e.Flags, "open-start"):
		date = "← " + date
	}
	return date
}

// eventLabel is the date and the start of the event's sentence without
// it: "January 3, 1992 — The People's Republic of…".
func eventLabel(e corpus.Event) string {
	text := e.Text
	if e.Label != "" {
		// "In the late 15th century, the league…" loses "In the late 15th century".
		for _, lead := range []string{"in the ", "In the ", "the ", "The ", ""} {
			if strings.Contains(text, lead+e.Label) {
				text = strings.Replace(text, lead+e.Label, "", 1)
				break
			}
		}
	}
	text = strings.Join(strings.Fields(text), " ")
	text = strings.NewReplacer(" .", ".", " ,", ",", " ;", ";", "( )", "", "()", "").Replace(text)
	text = strings.TrimLeftFunc(text, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	for _, w := range []string{"In", "On", "By", "From", "Since", "After", "Before", "However", "Then"} {
		if rest, ok := strings.CutPrefix(text, w); ok && (strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, ",")) {
			text = rest
			break
		}
	}
	text = strings.TrimLeftFunc(text, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	if r, n := utf8.DecodeRuneInString(text); n > 0 {
		text = string(unicode.ToUpper(r)) + text[n:]
	}
	text = shorten(text, maxLabelLen)
	date := dateLabel(e)
	if text == "" {
		return date
	}
	return date + " — " + text
}

// shorten cuts s to at most n characters at a word boundary, with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
