package timelineplot

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"testing"

	"github.com/citebot/citebot/corpus"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var pngOut = flag.String("png", "", "write the built-in corpus's chart to this file, to look at")

func builtinEvents() []corpus.Event {
	events := corpus.ExtractEvents(corpus.Builtin().Passages)
	corpus.SortEvents(events)
	return events
}

// decode checks data is a PNG at least 1200 px wide whose pixels are not
// all the background.
func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	b := img.Bounds()
	if b.Dx() < 1200 || b.Dy() < 200 {
		t.Errorf("image is %d×%d, want at least 1200 wide", b.Dx(), b.Dy())
	}
	inked := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 < 0x80 && g>>8 < 0x80 && bl>>8 < 0xf0 {
				inked++
			}
		}
	}
	if inked < 500 {
		t.Errorf("only %d dark pixels sampled: the chart looks blank", inked)
	}
	return img
}

func TestRenderBuiltinCorpus(t *testing.T) {
	events := builtinEvents()
	if len(events) < 10 {
		t.Fatalf("%d events in the built-in corpus", len(events))
	}
	data, err := Render(events, Options{Title: "China–Kazakhstan relations: timeline"})
	if err != nil {
		t.Fatal(err)
	}
	decode(t, data)
	if *pngOut != "" {
		if err := os.WriteFile(*pngOut, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLabelsNeverOverlap lays out many clustered events (50, most within
// thirty years, as in a corpus about recent relations) and checks that no
// two label boxes on a lane overlap and no label leaves the chart.
func TestLabelsNeverOverlap(t *testing.T) {
	var events []corpus.Event
	for i := 0; i < 50; i++ {
		y := 1990 + i*30/50
		if i%10 == 0 {
			y = 1500 + i*5
		}
		events = append(events, corpus.Event{
			Start: corpus.Date{Year: y, Month: i%12 + 1}, End: corpus.Date{Year: y + i%3, Month: i%12 + 1},
			Label: fmt.Sprint(y), Text: fmt.Sprintf("In %d, event number %d happened with a long description.", y, i),
		})
	}
	data, err := Render(events, Options{MaxLanes: 60})
	if err != nil {
		t.Fatal(err)
	}
	decode(t, data)

	ev, p, c := setupLayout(t, events, 60)
	places, _, shortened, dropped := ev.place(c, p)
	if dropped != 0 || shortened != 0 {
		t.Errorf("%d labels shortened and %d dropped with 60 lanes", shortened, dropped)
	}
	checkNoOverlap(t, ev, places, c)

	// Fewer lanes: labels are shortened to their dates, then left out,
	// and still never overlap.
	for _, lanes := range []int{12, 3} {
		ev, p, c = setupLayout(t, events, lanes)
		places, used, shortened, dropped := ev.place(c, p)
		if used > lanes || shortened == 0 {
			t.Errorf("%d lanes: %d used, %d shortened, %d dropped", lanes, used, shortened, dropped)
		}
		if lanes == 3 && dropped == 0 {
			t.Errorf("3 lanes: no label dropped")
		}
		checkNoOverlap(t, ev, places, c)
	}
}

// checkNoOverlap fails when two boxes on a lane overlap or a label leaves
// the chart.
func checkNoOverlap(t *testing.T, ev *eventsPlotter, places []placed, c draw.Canvas) {
	t.Helper()
	for i, a := range places {
		if a.showLabel && (a.lx < c.Min.X || a.lx+ev.style.Width(a.text) > c.Max.X) {
			t.Errorf("label %q leaves the chart", a.text)
		}
		for j, b := range places[i+1:] {
			if a.showLabel && b.showLabel && a.lane == b.lane && a.boxL < b.boxR && b.boxL < a.boxR {
				t.Errorf("%q and %q overlap on lane %d", a.text, places[i+1+j].text, a.lane)
			}
		}
	}
}

// setupLayout prepares the plotter and axes as Render does, on a
// 1200-pixel canvas.
func setupLayout(t *testing.T, events []corpus.Event, lanes int) (*eventsPlotter, *plot.Plot, draw.Canvas) {
	t.Helper()
	var items []item
	var knots []float64
	var spans [][2]float64
	for _, e := range events {
		from, to := span(e)
		items = append(items, item{from: from, to: to, label: eventLabel(e), short: dateLabel(e), point: e.Start == e.End})
		knots = append(knots, from, to)
		spans = append(spans, [2]float64{from, to})
	}
	p := plot.New()
	lo, hi := knots[0], knots[0]
	for _, k := range knots {
		lo, hi = min(lo, k), max(hi, k)
	}
	scale := newGapScale(spans, max(5, (hi-lo)/25))
	p.X.Min, p.X.Max, p.X.Scale = lo-1, hi+1, scale
	p.HideY()
	c := p.DataCanvas(draw.New(vgimg.NewWith(vgimg.UseWH(900, 400), vgimg.UseDPI(dpi))))
	return &eventsPlotter{items: items, maxLanes: lanes, style: labelStyle()}, p, c
}

func TestGapScale(t *testing.T) {
	s := newGapScale([][2]float64{{1500, 1501}, {1990, 2000}}, 10)
	if len(s.breaks) != 1 || s.breaks[0] != 1745.5 {
		t.Fatalf("breaks = %v, want one at 1745.5", s.breaks)
	}
	// 1500→1501 is 1 year, the gap 10, 1990→2000 is 10: 21 in all.
	if got := s.Normalize(1500, 2000, 1990); got != 11.0/21 {
		t.Errorf("1990 at %v, want %v", got, 11.0/21)
	}
	if got := s.Normalize(1500, 2000, 1995); got != 16.0/21 {
		t.Errorf("1995 at %v, want %v", got, 16.0/21)
	}
	for _, tk := range s.ticks(1499, 2001, 0.07) {
		if tk.Value > 1501 && tk.Value < 1990 {
			t.Errorf("a tick at %v, inside the left-out years", tk.Value)
		}
	}
}

func TestEventLabel(t *testing.T) {
	tests := []struct {
		e    corpus.Event
		want string
	}{
		{corpus.Event{Label: "January 3, 1992", Text: "On January 3, 1992, relations were formed."}, "January 3, 1992 — Relations were formed."},
		{corpus.Event{Label: "mid-19th century", Text: "The border dates to the mid-19th century.", Flags: []string{"approximate"}}, "≈ mid-19th century — The border dates to."},
		{corpus.Event{Label: "late 15th century", Text: "In the late 15th century, the league declined.", Flags: []string{"approximate"}}, "≈ late 15th century — The league declined."},
		{corpus.Event{Label: "(1864)", Text: "The border set forth in the Protocol of Chuguchak (1864) and a great deal more text here."}, "1864 — The border set forth in the Protocol…"},
	}
	for _, tt := range tests {
		if got := eventLabel(tt.e); got != tt.want {
			t.Errorf("eventLabel(%q) = %q, want %q", tt.e.Text, got, tt.want)
		}
	}
}

// BenchmarkRender draws the built-in corpus's chart, as /timeline does.
func BenchmarkRender(b *testing.B) {
	events := builtinEvents()
	for b.Loop() {
		if _, err := Render(events, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender300 draws the most events /timeline charts.
func BenchmarkRender300(b *testing.B) {
	var events []corpus.Event
	for i := 0; i < 300; i++ {
		y := 1700 + i
		events = append(events, corpus.Event{Start: corpus.Date{Year: y}, End: corpus.Date{Year: y}, Label: fmt.Sprint(y), Text: fmt.Sprintf("In %d, event %d happened somewhere.", y, i)})
	}
	for b.Loop() {
		if _, err := Render(events, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
