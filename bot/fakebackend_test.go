package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

// fakeBackend answers from canned values. Questions steer it:
// "panic" panics, "long" returns a 5000-character answer, "block" waits
// for release; anything else gets the recognition answer with one citation.
type fakeBackend struct {
	mu      sync.Mutex
	asked   []askCall
	release chan struct{}
	// ask, when set, replaces the canned behaviour.
	ask func(ctx context.Context, question string, history []answer.Turn, stream func(string)) (answer.Answer, error)

	events   []corpus.Event
	passages map[string]corpus.Passage
	topics   []string
}

type askCall struct {
	Question string
	History  []answer.Turn
}

var recognitionPassage = corpus.Passage{
	ID:     "china-kazakhstan-relations.txt#3",
	Source: "china-kazakhstan-relations.txt",
	Title:  "China–Kazakhstan relations",
	Text:   "China recognised Kazakhstan's independence on 27 December 1991 [4], and the two countries established diplomatic relations on January 3, 1992 [5].",
}

func cannedAnswer() answer.Answer {
	return answer.Answer{
		Text:      "China recognised Kazakhstan on 27 December 1991, and relations were established on January 3, 1992 [1].",
		Backend:   "extractive",
		Citations: []answer.Citation{{N: 1, Hit: retrieval.Hit{Passage: recognitionPassage, Score: 0.9}}},
	}
}

// longAnswer is over 2000 characters, with markers throughout, paragraph
// breaks and a code block.
func longAnswer() answer.Answer {
	var b strings.Builder
	for p := 0; p < 10; p++ {
		for s := 0; s < 6; s++ {
			fmt.Fprintf(&b, "Sentence %d of paragraph %d says something about the border treaty [%d]. ", s+1, p+1, s%3+1)
		}
		b.WriteString("\n\n")
		if p == 2 {
			b.WriteString("```text\n")
			for l := 0; l < 20; l++ {
				fmt.Fprintf(&b, "line %02d of a quoted table\n", l)
			}
			b.WriteString("```\n\n")
		}
	}
	a := cannedAnswer()
	a.Text = strings.TrimSpace(b.String())
	for n := 2; n <= 3; n++ {
		p := recognitionPassage
		p.ID = fmt.Sprintf("china-kazakhstan-relations.txt#%d", n+10)
		a.Citations = append(a.Citations, answer.Citation{N: n, Hit: retrieval.Hit{Passage: p}})
	}
	return a
}

func newFakeBackend() *fakeBackend {
	fb := &fakeBackend{
		release:  make(chan struct{}),
		passages: map[string]corpus.Passage{recognitionPassage.ID: recognitionPassage},
	}
	for y := 1990; y < 2010; y++ {
		fb.events = append(fb.events, corpus.Event{
			Start: corpus.Date{Year: y}, End: corpus.Date{Year: y}, Precision: corpus.PrecisionYear,
			Label: fmt.Sprintf("in %d", y), Text: fmt.Sprintf("Something happened in %d.", y),
			PassageID: fmt.Sprintf("china-kazakhstan-relations.txt#%d", y-1980),
		})
	}
	for i := 0; i < 40; i++ {
		fb.topics = append(fb.topics, fmt.Sprintf("kazakh topic %02d", i))
	}
	return fb
}

func (fb *fakeBackend) Ask(ctx context.Context, question string, history []answer.Turn, stream func(string)) (answer.Answer, error) {
	fb.mu.Lock()
	fb.asked = append(fb.asked, askCall{Question: question, History: history})
	ask := fb.ask
	fb.mu.Unlock()
	if ask != nil {
		return ask(ctx, question, history, stream)
	}
	switch {
	case strings.Contains(question, "panic"):
		panic("backend exploded")
	case strings.Contains(question, "long"):
		return longAnswer(), nil
	case strings.Contains(question, "block"):
		select {
		case <-fb.release:
		case <-ctx.Done():
			return answer.Answer{}, ctx.Err()
		}
	}
	a := cannedAnswer()
	stream(a.Text)
	return a, nil
}

func (fb *fakeBackend) calls() []askCall {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	return append([]askCall(nil), fb.asked...)
}

func (fb *fakeBackend) Timeline(_ context.Context, q TimelineQuery) ([]corpus.Event, error) {
	var out []corpus.Event
	for _, e := range fb.events {
		switch {
		case q.Year != 0 && !e.Overlaps(q.Year, q.Year):
		case q.From != 0 && e.End.Year < q.From:
		case q.To != 0 && e.Start.Year > q.To:
		default:
			out = append(out, e)
		}
	}
	return out, nil
}

func (fb *fakeBackend) Passage(id string) (corpus.Passage, bool) {
	p, ok := fb.passages[id]
	return p, ok
}

func (fb *fakeBackend) PassageIDs(prefix string, limit int) []string {
	var out []string
	for id := range fb.passages {
		if strings.HasPrefix(id, prefix) && len(out) < limit {
			out = append(out, id)
		}
	}
	return out
}

// Topics ignores limit on purpose: the bot must cap the choices itself.
func (fb *fakeBackend) Topics(prefix string, _ int) []string {
	var out []string
	for _, t := range fb.topics {
		if strings.HasPrefix(t, prefix) {
			out = append(out, t)
		}
	}
	return out
}

func (fb *fakeBackend) Info() Info {
	return Info{CorpusName: "China–Kazakhstan relations", Passages: 120, Events: len(fb.events), Backend: "extractive"}
}

var _ Backend = (*fakeBackend)(nil)
