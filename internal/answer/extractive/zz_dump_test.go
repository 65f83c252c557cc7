package extractive

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

type zzCand struct {
	Text string    `json:"t"`
	Rank []float64 `json:"f"`
	Good bool      `json:"g"`
	Hit  int       `json:"h"`
}

type zzQ struct {
	Set, ID, Q string
	History    []string
	Answerable bool
	Cands      []zzCand
}

func TestZZDump(t *testing.T) {
	out := os.Getenv("ZZDUMP")
	if out == "" {
		t.Skip()
	}
	sets := append([]tuningSet{}, tuningSets...)
	for _, h := range []struct{ n, q, c string }{
		{"builtin-held", "builtin/heldout.jsonl", ""}, {"builtin2-held", "builtin2/heldout.jsonl", ""}, {"builtin4-held", "builtin4/heldout.jsonl", ""},
		{"varied-held", "varied/heldout.jsonl", "varied/docs"}, {"varied2-held", "varied2/heldout.jsonl", "varied2/docs"},
		{"varied3-held", "varied3/heldout.jsonl", "varied3/docs"}, {"varied4-held", "varied4/heldout.jsonl", "varied4/docs"},
		{"varied5-held", "varied5/heldout.jsonl", "varied5/docs"}, {"varied8-held", "varied8/heldout.jsonl", "varied8/docs"},
		{"squad-held", "squad/heldout.jsonl", "squad/docs"},
	} {
		c := ""
		if h.c != "" {
			c = "../../eval/testdata/" + h.c
		}
		sets = append(sets, tuningSet{name: h.n, questions: "../../eval/testdata/" + h.q, corpus: c})
	}
	if extra := os.Getenv("ZZEXTRA"); extra != "" {
		var more []tuningSet
		json.Unmarshal([]byte(extra), &more)
	}
	ctx := context.Background()
	var all []zzQ
	for _, set := range sets {
		ix := indexFor(t, set.corpus)
		ans := New(ix.TermStats(), append(lexiconOption(), WithMaxPassages(readK))...)
		for _, q := range readQuestions(t, set.questions) {
			var history []answer.Turn
			for _, h := range q.History {
				hits, _ := ix.Search(ctx, answer.WithContext(h, history), 5)
				got, _ := ans.Answer(ctx, answer.Request{Question: h, Passages: hits, History: history})
				history = append(history, got.Turn(h))
			}
			hits, err := ix.Search(ctx, answer.WithContext(q.Question, history), readK)
			if err != nil {
				t.Fatal(err)
			}
			z := zzQ{Set: set.name, ID: q.ID, Q: q.Question, History: q.History, Answerable: q.Kind != "unanswerable"}
			ans.trace = func(c candidate) {
				if c.rank != nil {
					z.Cands = append(z.Cands, zzCand{Text: c.text, Rank: append([]float64(nil), c.rank...), Good: z.Answerable && containsAny(c.text, q.AnswerAny), Hit: c.hit})
				}
			}
			ans.Evaluate(q.Question, history, hits)
			ans.trace = nil
			all = append(all, z)
		}
	}
	_ = retrieval.Hit{}
	b, _ := json.Marshal(all)
	os.WriteFile(out, b, 0o644)
}
