package timelineplot

import (
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"

	"github.com/citebot/citebot/corpus"
)

// when is the fractional year of a date's start: 1992-07-01 is 1992.5.
// Years are historical (no year 0), which the chart does not need to mend.
func when(d corpus.Date) float64 {
	x := float64(d.Year)
	if d.Month > 0 {
		x += float64(d.Month-1) / 12
		if d.Day > 0 {
			x += float64(d.Day-1) / 365
		}
	}
	return x
}

// span is the fractional years an event covers: its start, and the end of
// its last day, month or year.
func span(e corpus.Event) (from, to float64) {
	from = when(e.Start)
	end := e.End
	switch {
	case end.Month == 0:
		to = float64(end.Year) + 1
	case end.Day == 0:
		to = float64(end.Year) + float64(end.Month)/12
	default:
		to = when(end) + 1.0/365
	}
	return from, max(to, from)
}

// gapScale is a time axis that shortens long empty stretches: a gap
// between events longer than maxGap years takes the room of maxGap, and is
// drawn as a break, so centuries-apart clusters stay readable.
type gapScale struct {
	// knots map years to compressed years; between knots the map is
	// linear.
	years, compressed []float64
	breaks            []float64    // midpoints of the shortened gaps, in years
	gaps              [][2]float64 // the shortened gaps
}

var _ plot.Normalizer = (*gapScale)(nil)

// newGapScale builds the scale for events covering the [from, to]
// intervals spans: a stretch between two consecutive interval ends that no
// interval covers and that is longer than maxGap is shortened to maxGap.
func newGapScale(spans [][2]float64, maxGap float64) *gapScale {
	var pts []float64
	for _, sp := range spans {
		pts = append(pts, sp[0], sp[1])
	}
	slices.Sort(pts)
	pts = slices.Compact(pts)
	covered := func(a, b float64) bool {
		for _, sp := range spans {
			if sp[0] <= a && sp[1] >= b {
				return true
			}
		}
		return false
	}
	s := &gapScale{}
	c := 0.0
	for i, p := range pts {
		if i > 0 {
			gap := p - pts[i-1]
			if gap > maxGap && !covered(pts[i-1], p) {
				s.breaks = append(s.breaks, pts[i-1]+gap/2)
				s.gaps = append(s.gaps, [2]float64{pts[i-1], p})
				gap = maxGap
			}
			c += gap
		}
		s.years = append(s.years, p)
		s.compressed = append(s.compressed, c)
	}
	return s
}

// at maps a year to the compressed axis.
func (s *gapScale) at(x float64) float64 {
	n := len(s.years)
	switch {
	case n == 0:
		return x
	case n == 1 || x <= s.years[0]:
		return s.compressed[0] + (x - s.years[0])
	case x >= s.years[n-1]:
		return s.compressed[n-1] + (x - s.years[n-1])
	}
	i, _ := slices.BinarySearch(s.years, x)
	if s.years[i] == x {
		return s.compressed[i]
	}
	y0, y1 := s.years[i-1], s.years[i]
	c0, c1 := s.compressed[i-1], s.compressed[i]
	return c0 + (x-y0)/(y1-y0)*(c1-c0)
}

// Normalize maps x in [min, max] to [0, 1] on the compressed axis.
func (s *gapScale) Normalize(min, max, x float64) float64 {
	lo, hi := s.at(min), s.at(max)
	if hi == lo {
		return 0.5
	}
	return (s.at(x) - lo) / (hi - lo)
}

// yearLabel renders a year for people: "1992", "206 BC".
func yearLabel(y int) string {
	if y < 0 {
		return strconv.Itoa(-y) + " BC"
	}
	return strconv.Itoa(y)
}

// niceSteps are the tick spacings tried, in years.
var niceSteps = []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000}

// ticks places year ticks at least minApart of the axis (in normalised
// units) from each other and from its ends: on each stretch of true scale,
// at the finest nice step that keeps them apart; never inside a shortened
// gap, where the scale lies.
func (s *gapScale) ticks(min, max, minApart float64) []plot.Tick {
	// The stretches of true scale: [min, max] less the gaps.
	var stretches [][2]float64
	lo := min
	for _, g := range s.gaps {
		stretches = append(stretches, [2]float64{lo, g[0]})
		lo = g[1]
	}
	stretches = append(stretches, [2]float64{lo, max})
	// Over decades, one-year ticks would mark single events' years
	// ("1758" beside an event of 1757) rather than help reading.
	minStep := 1
	if max-min > 50 {
		minStep = 5
	}
	var out []plot.Tick
	last := math.Inf(-1)
	for _, st := range stretches {
		lo, hi := st[0], st[1]
		for _, step := range niceSteps {
			if step < minStep {
				continue
			}
			var cand []float64
			for y := math.Ceil(lo/float64(step)) * float64(step); y <= hi; y += float64(step) {
				cand = append(cand, y)
			}
			ok := true
			for j := 1; j < len(cand); j++ {
				if s.Normalize(min, max, cand[j])-s.Normalize(min, max, cand[j-1]) < minApart {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			for _, y := range cand {
				pos := s.Normalize(min, max, y)
				if pos-last < minApart || pos < minApart/2 || pos > 1-minApart/2 || y == 0 {
					continue
				}
				out = append(out, plot.Tick{Value: y, Label: yearLabel(int(y))})
				last = pos
			}
			break
		}
	}
	return out
}
