package extractive

import (
	"os"
	"sort"
	"testing"

	"github.com/citebot/citebot/retrieval"
)

func TestZZRankDebug(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	for _, set := range tuningSets {
		var texts []string
		var scores []float64
		ss := collect(t, set, func(ix *retrieval.Index) *Answerer {
			a := New(ix.Lexical(), append(lexiconOption(), WithMaxPassages(readK))...)
			return a
		})
		_ = texts
		_ = scores
		noGood, rankErr := 0, 0
		for _, s := range ss {
			if !s.answerable || s.right {
				continue
			}
			anyGood := false
			for _, g := range s.good {
				anyGood = anyGood || g
			}
			if !anyGood {
				noGood++
				continue
			}
			rankErr++
			// score of best good vs best
			var sc []float64
			bestGood := -1e9
			for i, c := range s.cands {
				v := 0.0
				for j, x := range c {
					v += rankWeights[j] * x
				}
				sc = append(sc, v)
				if s.good[i] && v > bestGood {
					bestGood = v
				}
			}
			sort.Float64s(sc)
			pos := 0
			for _, v := range sc {
				if v > bestGood {
					pos++
				}
			}
			t.Logf("%s %s: good candidate at position %d of %d", set.name, s.id, pos+1, len(sc))
		}
		t.Logf("%s: wrong best with no good candidate %d, ranking errors %d", set.name, noGood, rankErr)
	}
}
