package timelineplot

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// markerRow is the lane, just above the axis, of markers that found no
// room on the lanes.
const markerRow = -1

// placed is where an item goes: its lane and its label's box.
type placed struct {
	lane       int
	x0, x1     vg.Length // the marker or bar
	lx         vg.Length // the label's left edge
	showLabel  bool
	text       string    // the label shown: the full one or the date alone
	boxL, boxR vg.Length // all it occupies on its lane
}

// eventsPlotter draws the events on lanes above the time axis.
type eventsPlotter struct {
	items    []item
	maxLanes int
	style    draw.TextStyle
	breaks   []float64
}

var _ plot.Plotter = (*eventsPlotter)(nil)

// place assigns each item a lane, lowest first: its label goes right of
// its marker or left of it, whichever finds the lower lane (and never out
// of the chart), and no two boxes on a lane come closer than labelPad. An
// item that finds no lane with its label gets one without.
func (ev *eventsPlotter) place(c draw.Canvas, p *plot.Plot) (places []placed, lanes, shortened, dropped int) {
	xOf, _ := p.Transforms(&c)
	var boxes [][][2]vg.Length // the boxes on each lane
	free := func(lane int, l, r vg.Length) bool {
		for _, b := range boxes[lane] {
			if l < b[1]+labelPad && b[0] < r+labelPad {
				return false
			}
		}
		return true
	}
	// fit is the lowest lane where [l, r] is free, opening a lane when
	// allowed; -1 when none.
	fit := func(l, r vg.Length, open bool) int {
		for i := range boxes {
			if free(i, l, r) {
				return i
			}
		}
		if open && len(boxes) < ev.maxLanes {
			return len(boxes)
		}
		return -1
	}
	out := make([]placed, len(ev.items))
	for i, it := range ev.items {
		x0, x1 := xOf(it.from), xOf(it.to)
		if it.point {
			x0 = xOf((it.from + it.to) / 2)
			x1 = x0
		}
		x0, x1 = x0-markerR, max(x1, x0)+markerR
		best := placed{lane: -1}
		// The full label if it finds a lane, else the date alone.
		for _, text := range []string{it.label, it.short} {
			w := ev.style.Width(text)
			for _, lx := range []vg.Length{x1 + labelGap, x0 - labelGap - w} {
				if lx < c.Min.X || lx+w > c.Max.X {
					continue
				}
				pl := placed{x0: x0, x1: x1, lx: lx, showLabel: true, text: text, boxL: min(x0, lx), boxR: max(x1, lx+w)}
				if pl.lane = fit(pl.boxL, pl.boxR, true); pl.lane >= 0 && (best.lane < 0 || pl.lane < best.lane) {
					best = pl
				}
			}
			if best.lane >= 0 {
				if text != it.label {
					shortened++
				}
				break
			}
		}
		if best.lane < 0 {
			best = placed{x0: x0, x1: x1, boxL: x0, boxR: x1}
			if best.lane = fit(x0, x1, true); best.lane < 0 {
				// No room anywhere: on the marker row by the axis, where
				// markers may touch each other but never a label.
				out[i] = placed{lane: markerRow, x0: x0, x1: x1}
				dropped++
				continue
			}
			dropped++
		}
		for len(boxes) <= best.lane {
			boxes = append(boxes, nil)
		}
		boxes[best.lane] = append(boxes[best.lane], [2]vg.Length{best.boxL, best.boxR})
		out[i] = best
	}
	return out, len(boxes), shortened, dropped
}

// layout reports how many lanes the events take on c, and how many labels
// were shortened to their dates or left out.
func (ev *eventsPlotter) layout(c draw.Canvas, p *plot.Plot) (lanes, shortened, dropped int) {
	_, lanes, shortened, dropped = ev.place(c, p)
	return lanes, shortened, dropped
}

// Plot draws the markers, bars and labels, then the axis breaks.
func (ev *eventsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	placements, _, _, _ := ev.place(c, p)
	laneY := func(lane int) vg.Length {
		if lane == markerRow {
			return c.Min.Y + laneHeight*2/5
		}
		return c.Min.Y + laneHeight*vg.Length(lane) + laneHeight
	}
	for i, it := range ev.items {
		pl := placements[i]
		y := laneY(pl.lane)
		line := draw.LineStyle{Color: accent, Width: barWidth, Dashes: nil}
		if it.approximate {
			line.Dashes = []vg.Length{6, 4}
		}
		if it.point {
			x := (pl.x0 + pl.x1) / 2
			glyph := draw.GlyphStyle{Color: accent, Radius: markerR, Shape: draw.CircleGlyph{}}
			if it.approximate {
				glyph.Shape = draw.RingGlyph{}
			}
			c.DrawGlyphNoClip(glyph, vg.Point{X: x, Y: y})
		} else {
			c.StrokeLine2(line, pl.x0+markerR, y, pl.x1-markerR, y)
		}
		if pl.showLabel {
			// An opaque backing keeps grid lines from crossing the text.
			w, h := ev.style.Width(pl.text), ev.style.Height(pl.text)
			c.FillPolygon(background, []vg.Point{{X: pl.lx - 2, Y: y - h/2}, {X: pl.lx + w + 2, Y: y - h/2}, {X: pl.lx + w + 2, Y: y + h/2}, {X: pl.lx - 2, Y: y + h/2}})
			c.FillText(ev.style, vg.Point{X: pl.lx, Y: y}, pl.text)
		}
	}
	xOf, _ := p.Transforms(&c)
	sty := ev.style
	sty.Color = muted
	sty.XAlign = draw.XCenter
	for _, b := range ev.breaks {
		c.FillText(sty, vg.Point{X: xOf(b), Y: c.Min.Y + 6}, "≈")
	}
}
