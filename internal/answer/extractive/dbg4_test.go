package extractive

import (
	"sort"
	"testing"

	"github.com/citebot/citebot/retrieval"
)

func TestDebugConf(t *testing.T) {
	set := tuningSets[0]
	qs := map[string]evalQuestion{}
	for _, q := range readQuestions(t, set.questions) {
		qs[q.ID] = q
	}
	ss := collect(t, set, func(ix *retrieval.Index) *Answerer { return New(ix.Lexical(), lexiconOption()...) })
	sort.Slice(ss, func(i, j int) bool { return confidence(ss[i].x) > confidence(ss[j].x) })
	for _, s := range ss {
		if !s.found || s.answerable && !s.right {
			continue
		}
		tag := "RIGHT"
		if !s.answerable {
			tag = "UNANS"
		}
		t.Logf("%s %.2f cov %.2f pcov %.2f ecov %.2f abs %.2f miss %.2f fit %.1f | %s | %.70s", tag, confidence(s.x), s.x[0], s.x[14], s.x[15], s.x[16], s.x[2], s.x[1], qs[s.id].Question, s.text)
	}
}
