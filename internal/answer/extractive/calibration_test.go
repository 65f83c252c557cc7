package extractive

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

type evalQuestion struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Question  string   `json:"question"`
	AnswerAny []string `json:"answer_any"`
}

func readQuestions(t *testing.T, path string) []evalQuestion {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []evalQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q evalQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	return qs
}

// TestCalibration holds DefaultThreshold to its promise. On the dev set:
// every unanswerable question abstains, every answerable one is answered
// and contains an expected answer. On the harder paraphrase set (our own
// wordings, internal/eval/testdata) at least 90% of answerable questions
// are answered correctly and at least 75% of unanswerable ones abstain. It
// logs each question's coverage, which is how the threshold was chosen
// (go test -run Calibration -v ./internal/answer/extractive/). A third set
// asks three other articles, so the rules are not fitted to one corpus.
func TestCalibration(t *testing.T) {
	ctx := context.Background()
	builtin, err := retrieval.Build(ctx, corpus.Builtin().Passages)
	if err != nil {
		t.Fatal(err)
	}
	wikiCorpus, err := corpus.LoadDir("../../eval/testdata/wiki")
	if err != nil {
		t.Fatal(err)
	}
	wiki, err := retrieval.Build(ctx, wikiCorpus.Passages)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id, kind string
		cov      float64
	}
	var rows []row
	sets := []struct {
		path                string
		ix                  *retrieval.Index
		strict              bool
		minAnswered, minAbs float64
	}{
		{"../../eval/testdata/dev.jsonl", builtin, true, 1, 1},
		{"../../eval/testdata/paraphrase.jsonl", builtin, false, 0.9, 0.75},
		// Three short encyclopedia articles in one folder (Eiffel Tower, Go,
		// Kilimanjaro), to check the answerer beyond the built-in corpus.
		{"../../eval/testdata/wiki.jsonl", wiki, false, 0.9, 0.8},
	}
	for _, set := range sets {
		ix := set.ix
		a := New(ix.Lexical())
		var answerable, answered, unanswerable, abstained float64
		for _, q := range readQuestions(t, set.path) {
			hits, err := ix.Search(ctx, q.Question, 5)
			if err != nil {
				t.Fatal(err)
			}
			best, _ := a.best(q.Question, nil, hits)
			rows = append(rows, row{q.ID, q.Kind, best.coverage})
			got, err := a.Answer(ctx, answer.Request{Question: q.Question, Passages: hits})
			if err != nil {
				t.Fatal(err)
			}
			miss := ""
			if q.Kind == "unanswerable" {
				unanswerable++
				if got.Abstained {
					abstained++
				} else {
					miss = fmt.Sprintf("answered %q, want abstention", got.Text)
				}
			} else {
				answerable++
				switch {
				case got.Abstained:
					miss = fmt.Sprintf("abstained (coverage %.2f)", best.coverage)
				case !containsAny(got.Text, q.AnswerAny):
					miss = fmt.Sprintf("answer %q lacks any of %q", got.Text, q.AnswerAny)
				default:
					answered++
				}
			}
			if miss != "" && set.strict {
				t.Errorf("%s %q: %s", q.ID, q.Question, miss)
			} else if miss != "" {
				t.Logf("known miss %s %q: %s", q.ID, q.Question, miss)
			}
		}
		t.Logf("%s: answered correctly %.0f/%.0f, abstained %.0f/%.0f", set.path, answered, answerable, abstained, unanswerable)
		if answered < set.minAnswered*answerable || abstained < set.minAbs*unanswerable {
			t.Errorf("%s: answered correctly %.0f/%.0f (want ≥ %.0f%%), abstained %.0f/%.0f (want ≥ %.0f%%)",
				set.path, answered, answerable, 100*set.minAnswered, abstained, unanswerable, 100*set.minAbs)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].cov < rows[j].cov })
	for _, r := range rows {
		t.Logf("%.3f %-12s %s", r.cov, r.kind, r.id)
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(strings.ToLower(s), strings.ToLower(sub)) {
			return true
		}
	}
	return false
}
