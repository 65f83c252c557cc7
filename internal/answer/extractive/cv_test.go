package extractive

import (
	"flag"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/citebot/citebot/retrieval"
)

var cvFlag = flag.Bool("cv", false, "cross-validate the ranker's regularisation across the tuning sets")

// TestRankerCV leaves each tuning set out in turn, fits the ranker on the
// others and measures on the one left out how often its best-scored
// sentence is one with an expected answer: the ranker's accuracy on text
// it was not fitted on, for each L2 weight tried. Run with -cv.
func TestRankerCV(t *testing.T) {
	if !*cvFlag {
		t.Skip("run with -cv")
	}
	var bySet [][]rankGroup
	for _, set := range tuningSets {
		ss := collect(t, set, func(ix *retrieval.Index) *Answerer {
			return New(ix.TermStats(), append(lexiconOption(), WithMaxPassages(readK))...)
		})
		var gs []rankGroup
		for _, s := range ss {
			g := rankGroup{x: s.cands, good: s.good, w: 1 / float64(len(ss))}
			if slices.Contains(g.good, true) && slices.Contains(g.good, false) {
				gs = append(gs, g)
			}
		}
		bySet = append(bySet, gs)
	}
	top1 := func(w []float64, gs []rankGroup) float64 {
		if len(gs) == 0 {
			return math.NaN()
		}
		right := 0
		for _, g := range gs {
			best, bi := math.Inf(-1), 0
			for i, x := range g.x {
				s := 0.0
				for j, v := range x {
					s += w[j] * v
				}
				if s > best {
					best, bi = s, i
				}
			}
			if g.good[bi] {
				right++
			}
		}
		return float64(right) / float64(len(gs))
	}
	for _, l2 := range []float64{0.0005, 0.005, 0.05, 0.5} {
		var sum float64
		var n int
		line := ""
		for i := range bySet {
			var train []rankGroup
			for j, gs := range bySet {
				if j != i {
					train = append(train, gs...)
				}
			}
			w := fitRanker(train, l2, 5000, 3.0)
			a := top1(w, bySet[i])
			if !math.IsNaN(a) {
				sum += a
				n++
			}
			line += " " + tuningSets[i].name + "=" + ftoa(a)
		}
		t.Logf("l2 %.4f: mean held-out top-1 %.3f;%s", l2, sum/float64(n), line)
	}
	hand := 0.0
	for i := range bySet {
		hand += top1(handRankWeights, bySet[i])
	}
	t.Logf("hand weights: mean top-1 %.3f", hand/float64(len(bySet)))
}

func ftoa(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}
