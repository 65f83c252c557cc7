package retrieval

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
)

// devQuestion is a line of ../internal/eval/testdata/dev.jsonl.
type devQuestion struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Question string   `json:"question"`
	Gold     []string `json:"gold"`
}

func loadDev(t testing.TB, path string) []devQuestion {
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("question set: %v", err)
	}
	defer f.Close()
	var qs []devQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q devQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		if len(q.Gold) > 0 {
			qs = append(qs, q)
		}
	}
	return qs
}

func goldRank(hits []Hit, gold []string) int {
	for i, h := range hits {
		for _, g := range gold {
			if strings.Contains(h.Text, g) {
				return i + 1
			}
		}
	}
	return 0
}

// TestFusionOnDevSet measures each fusion on the dev set and holds the
// default to recall@3 = 1. The figures behind DefaultFusion come from here
// (go test -run FusionOnDevSet -v ./retrieval/).
func TestFusionOnDevSet(t *testing.T) {
	for _, set := range []string{"../internal/eval/testdata/dev.jsonl", "../internal/eval/testdata/paraphrase.jsonl"} {
		t.Run(set, func(t *testing.T) { fusionOnSet(t, loadDev(t, set)) })
	}
}

func fusionOnSet(t *testing.T, qs []devQuestion) {
	ctx := context.Background()
	passages := corpus.Builtin().Passages
	vectorOnly := func(v, _ []scored) []scored { return v }
	lexicalOnly := func(_, l []scored) []scored { return l }
	fusions := []struct {
		name string
		f    Fusion
	}{
		{"default", DefaultFusion}, {"rrf", RRF}, {"rrf-0.5v", WeightedRRF(0.5, 1)}, {"rrf-0.3v", WeightedRRF(0.3, 1)},
		{"score-0.5", ScoreFusion(0.5)}, {"score-0.7", ScoreFusion(0.7)},
		{"vector", vectorOnly}, {"lexical", lexicalOnly},
	}
	for _, fu := range fusions {
		ix, err := Build(ctx, passages, WithFusion(fu.f))
		if err != nil {
			t.Fatal(err)
		}
		var r1, r3, r5, mrr float64
		for _, q := range qs {
			hits, err := ix.Search(ctx, q.Question, 5)
			if err != nil {
				t.Fatal(err)
			}
			r := goldRank(hits, q.Gold)
			if r == 1 {
				r1++
			}
			if r >= 1 && r <= 3 {
				r3++
			} else if fu.name == "default" {
				t.Logf("default misses %s at 3 (rank %d): %s", q.ID, r, q.Question)
			}
			if r >= 1 {
				r5++
				mrr += 1 / float64(r)
			}
		}
		n := float64(len(qs))
		t.Logf("%-10s recall@1 %.2f recall@3 %.2f recall@5 %.2f MRR %.3f", fu.name, r1/n, r3/n, r5/n, mrr/n)
		if fu.name == "default" && r3 != n {
			t.Errorf("default fusion recall@3 = %.2f, want 1", r3/n)
		}
	}
}
