package extractive

import (
	"github.com/citebot/citebot/retrieval"
	"testing"
)

func TestDebugMisses(t *testing.T) {
	set := tuningSets[4]
	qs := readQuestions(t, set.questions)
	byID := map[string]evalQuestion{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	for _, s := range collect(t, set, func(ix *retrieval.Index) *Answerer { return New(ix.Lexical(), lexiconOption()...) }) {
		if s.answerable && !s.right {
			q := byID[s.id]
			txt := s.text
			if len(txt) > 150 {
				txt = txt[:150]
			}
			t.Logf("%s Q: %s | want %v | H %v\n      GOT: %s", s.id, q.Question, q.AnswerAny, q.History, txt)
		}
	}
}
