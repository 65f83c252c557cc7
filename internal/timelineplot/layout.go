package timelineplot

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// placed is where an item goes: its lane and its label's box.
type placed struct {
	lane       int
	x0, x1     vg.Length // the marker or bar
	lx         vg.Length // the label's left edge
	showLabel  bool
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
func (ev *eventsPlotter) place(c draw.Canvas, p *plot.Plot) ([]placed, int, int) {
	xOf, _ := p.Transforms(&c)
	var lanes [][][2]vg.Length // the boxes on each lane
	free := func(lane int, l, r vg.Length) bool {
		for _, b := range lanes[lane] {
			if l < b[1]+labelPad && b[0] < r+labelPad {
				return false
			}
		}
		return true
	}
	// fit is the lowest lane where [l, r] is free, opening a lane when
	// allowed; -1 when none.
	fit := func(l, r vg.Length, open bool) int {
		for i := range lanes {
			if free(i, l, r) {
				return i
			}
		}
		if open && len(lanes) < ev.maxLanes {
			return len(lanes)
		}
		return -1
	}
	out := make([]placed, len(ev.items))
	dropped := 0
	for i, it := range ev.items {
		x0, x1 := xOf(it.from), xOf(it.to)
		if it.point {
			x0 = xOf((it.from + it.to) / 2)
			x1 = x0
		}
		x0, x1 = x0-markerR, max(x1, x0)+markerR
		w := ev.style.Width(it.label)
		best := placed{lane: -1}
		for _, lx := range []vg.Length{x1 + labelGap, x0 - labelGap - w} {
			if lx < c.Min.X || lx+w > c.Max.X {
				continue
			}
			pl := placed{x0: x0, x1: x1, lx: lx, showLabel: true, boxL: min(x0, lx), boxR: max(x1, lx+w)}
			if pl.lane = fit(pl.boxL, pl.boxR, true); pl.lane >= 0 && (best.lane < 0 || pl.lane < best.lane) {
				best = pl
			}
		}
		if best.lane < 0 {
			best = placed{x0: x0, x1: x1, boxL: x0, boxR: x1}
			if best.lane = fit(x0, x1, true); best.lane < 0 {
				best.lane = max(len(lanes)-1, 0) // overlap markers rather than lose an event
			}
			dropped++
		}
		for len(lanes) <= best.lane {
			lanes = append(lanes, nil)
		}
		lanes[best.lane] = append(lanes[best.lane], [2]vg.Length{best.boxL, best.boxR})
		out[i] = best
	}
	return out, len(lanes), dropped
}

// layout reports how many lanes the events take on c and how many labels
// were left out.
func (ev *eventsPlotter) layout(c draw.Canvas, p *plot.Plot) (lanes, dropped int) {
	_, lanes, dropped = ev.place(c, p)
	return lanes, dropped
}

// Plot draws the markers, bars and labels, then the axis breaks.
func (ev *eventsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	placements, _, _ := ev.place(c, p)
	laneY := func(lane int) vg.Length { return c.Min.Y + laneHeight*vg.Length(lane) + laneHeight }
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
			c.FillText(ev.style, vg.Point{X: pl.lx, Y: y}, it.label)
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
