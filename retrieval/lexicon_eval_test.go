package retrieval

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/lexicon"
)

var lexiconSweep = flag.Bool("lexicon.sweep", false, "TestLexiconOnEvalSets: measure every lexicon setting, and the sets under /work/evaldata")

// evalSet is a question file and the corpus it asks about.
type evalSet struct {
	name      string
	questions string
	corpus    func() (*corpus.Corpus, error)
}

type evalQuestion struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Gold     []string `json:"gold"`
	History  []string `json:"history"`
}

func loadEvalQuestions(t *testing.T, path string) []evalQuestion {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("question set not available: %v", err)
	}
	defer f.Close()
	var qs []evalQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q evalQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		if len(q.Gold) > 0 {
			qs = append(qs, q)
		}
	}
	return qs
}

// retrievalFigures are recall@1/3/5 and MRR@5 of the gold passage.
type retrievalFigures struct{ r1, r3, r5, mrr float64 }

func (f retrievalFigures) String() string {
	return fmt.Sprintf("R@1 %.3f R@3 %.3f R@5 %.3f MRR %.3f", f.r1, f.r3, f.r5, f.mrr)
}

func measureRetrieval(t *testing.T, c *corpus.Corpus, qs []evalQuestion, opts ...Option) retrievalFigures {
	ctx := context.Background()
	ix, err := Build(ctx, c.Passages, opts...)
	if err != nil {
		t.Fatal(err)
	}
	var f retrievalFigures
	for _, q := range qs {
		query := q.Question
		if len(q.History) > 0 { // as chat reads a follow-up: with the question before it
			query = q.History[len(q.History)-1] + " " + query
		}
		hits, err := ix.Search(ctx, query, 5)
		if err != nil {
			t.Fatal(err)
		}
		r := goldRank(hits, q.Gold)
		if r == 1 {
			f.r1++
		}
		if r >= 1 && r <= 3 {
			f.r3++
		}
		if r >= 1 {
			f.r5++
			f.mrr += 1 / float64(r)
		}
	}
	n := float64(len(qs))
	return retrievalFigures{f.r1 / n, f.r3 / n, f.r5 / n, f.mrr / n}
}

// TestLexiconOnEvalSets measures retrieval with each use of the lexicon
// switched on and off, and holds the default to recall@3 = 1 on the dev set
// and to no loss against no lexicon on the paraphrase set. The figures
// behind DefaultLexiconUse come from
// go test -run LexiconOnEvalSets -v -lexicon.sweep ./retrieval/
func TestLexiconOnEvalSets(t *testing.T) {
	builtin := func() (*corpus.Corpus, error) { return corpus.Builtin(), nil }
	dir := func(d string) func() (*corpus.Corpus, error) {
		return func() (*corpus.Corpus, error) { return corpus.LoadDir(d) }
	}
	sets := []evalSet{
		{"dev", "../../shared/eval/dev.jsonl", builtin},
		{"paraphrase", "../internal/eval/testdata/paraphrase.jsonl", builtin},
		{"wiki", "../internal/eval/testdata/wiki.jsonl", dir("../internal/eval/testdata/wiki")},
	}
	uses := []struct {
		name string
		u    LexiconUse
	}{{"off", NoLexicon}, {"default", DefaultLexiconUse}}
	if *lexiconSweep {
		for _, name := range []string{"a", "b"} {
			root := filepath.Join("/work/evaldata", name)
			sets = append(sets, evalSet{name + "/tune", filepath.Join(root, "tune.jsonl"), dir(filepath.Join(root, "docs"))})
		}
		all := append(DefaultLexiconKinds[:len(DefaultLexiconKinds):len(DefaultLexiconKinds)], lexicon.Hypernym)
		add := func(name string, u LexiconUse) {
			uses = append(uses, struct {
				name string
				u    LexiconUse
			}{name, u})
		}
		for _, q := range []float64{0.3, 0.5, 0.7, 1} {
			add(fmt.Sprintf("query %.1f", q), LexiconUse{Query: q})
		}
		for _, c := range []float64{0.3, 0.5, 0.7, 1} {
			add(fmt.Sprintf("concepts %.1f", c), LexiconUse{Concepts: c})
		}
		for _, m := range []float32{0.3, 0.5} {
			add(fmt.Sprintf("query 0.5 min %.1f", m), LexiconUse{Query: 0.5, MinWeight: m})
			add(fmt.Sprintf("query 0.7 min %.1f", m), LexiconUse{Query: 0.7, MinWeight: m})
			add(fmt.Sprintf("concepts 0.5 min %.1f", m), LexiconUse{Concepts: 0.5, MinWeight: m})
			add(fmt.Sprintf("both 0.5 min %.1f", m), LexiconUse{Query: 0.5, Concepts: 0.5, MinWeight: m})
		}
		add("query 0.5 missing-only", LexiconUse{Query: 0.5, MissingOnly: true})
		add("query 0.5 +hypernyms", LexiconUse{Query: 0.5, Kinds: all})
		add("concepts 0.5 +hypernyms", LexiconUse{Concepts: 0.5, Kinds: all})
		for _, q := range []float64{0.3, 0.5, 0.7} {
			for _, c := range []float64{0.3, 0.5, 0.7} {
				add(fmt.Sprintf("query %.1f concepts %.1f", q, c), LexiconUse{Query: q, Concepts: c})
			}
		}
	}
	for _, set := range sets {
		t.Run(strings.ReplaceAll(set.name, "/", "-"), func(t *testing.T) {
			qs := loadEvalQuestions(t, set.questions)
			c, err := set.corpus()
			if err != nil {
				t.Skipf("corpus not available: %v", err)
			}
			figures := map[string]retrievalFigures{}
			for _, u := range uses {
				f := measureRetrieval(t, c, qs, WithLexicon(u.u))
				figures[u.name] = f
				t.Logf("%-24s %s (%d questions)", u.name, f, len(qs))
			}
			def, off := figures["default"], figures["off"]
			if set.name == "dev" && def.r3 != 1 {
				t.Errorf("default lexicon use: dev recall@3 = %.2f, want 1", def.r3)
			}
			if set.name == "paraphrase" && def.mrr < off.mrr {
				t.Errorf("default lexicon use: paraphrase MRR %.3f below %.3f without the lexicon", def.mrr, off.mrr)
			}
		})
	}
}
