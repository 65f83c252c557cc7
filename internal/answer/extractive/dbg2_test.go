package extractive

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/citebot/citebot/internal/answer"
)

func TestDebugTrace(t *testing.T) {
	id := os.Getenv("QID")
	if id == "" {
		t.Skip()
	}
	set := tuningSets[4]
	ix := indexFor(t, set.corpus)
	a := New(ix.Lexical(), lexiconOption()...)
	for _, q := range readQuestions(t, set.questions) {
		if q.ID != id {
			continue
		}
		ctx := context.Background()
		var history []answer.Turn
		for _, h := range q.History {
			hits, _ := ix.Search(ctx, answer.WithContext(h, history), 5)
			got, _ := a.Answer(ctx, answer.Request{Question: h, Passages: hits, History: history})
			t.Logf("history %q → %q cited %v", h, got.Text, got.Turn(h).Cited)
			history = append(history, got.Turn(h))
		}
		t.Logf("resolve: %+v kind %v", answer.ResolveFollowUp(q.Question, history), classify(q.Question))
		hits, _ := ix.Search(ctx, answer.WithContext(q.Question, history), 5)
		for i, h := range hits {
			t.Logf("hit %d %s %.3f %.80q", i, h.ID, h.Score, h.Text)
		}
		var cs []candidate
		a.trace = func(c candidate) { cs = append(cs, c) }
		ev := a.Evaluate(q.Question, history, hits)
		sort.Slice(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
		for i, c := range cs {
			if i >= 6 {
				break
			}
			t.Logf("%.3f cov %.2f fit %.2f pred %v named %v focus %v hit %d %.120q", c.score, c.coverage, c.fit, c.predicate, c.named, c.focus, c.hit, strings.TrimSpace(c.text))
		}
		t.Logf("confidence %.2f features %v", ev.Confidence, ev.Features)
	}
}
