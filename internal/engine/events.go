package engine

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"slices"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/retrieval"
)

// eventsVersion changes whenever event extraction changes, so stored events
// are re-extracted.
const eventsVersion = "events-v2"

// eventsAttachment stores the corpus's dated events with the index, sorted
// chronologically.
func eventsAttachment() retrieval.Attachment {
	return retrieval.Attachment{
		Name:    "events",
		Version: eventsVersion,
		Build: func(ctx context.Context, ps []corpus.Passage) ([]byte, error) {
			events := corpus.ExtractEvents(ps)
			corpus.SortEvents(events)
			var buf bytes.Buffer
			err := gob.NewEncoder(&buf).Encode(events)
			return buf.Bytes(), err
		},
	}
}

func decodeEvents(data []byte) ([]corpus.Event, error) {
	var events []corpus.Event
	if len(data) == 0 {
		return nil, nil
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&events); err != nil {
		return nil, fmt.Errorf("stored events: %w", err)
	}
	return events, nil
}

// Events returns all dated events of the corpus in chronological order, or
// nil when the stored events cannot be decoded (Timeline then says why).
// Callers must not modify the slice.
func (e *Engine) Events() []corpus.Event {
	events, _ := e.state().events()
	return events
}

// TimelineQuery selects events. Years are inclusive; nil means unbounded.
type TimelineQuery struct {
	From, To *int
	// Topic keeps events whose passage retrieval finds relevant to it.
	Topic string
	// Limit bounds the number of events; 0 means no bound.
	Limit int
}

// ErrBadRange is returned when From is after To.
var ErrBadRange = errors.New("the start year is after the end year")

// Timeline returns the events that overlap the query's years and, with a
// topic, belong to passages relevant to it, in chronological order.
func (e *Engine) Timeline(ctx context.Context, q TimelineQuery) ([]corpus.Event, error) {
	from, to := -1<<31, 1<<31-1
	if q.From != nil {
		from = *q.From
	}
	if q.To != nil {
		to = *q.To
	}
	if from > to {
		return nil, ErrBadRange
	}
	st := e.state()
	events, err := st.events()
	if err != nil {
		return nil, err
	}
	var relevant map[string]bool
	var topicTerms []string
	if q.Topic != "" {
		topicTerms = analysis.Terms(q.Topic)
		hits, err := st.index.Relevant(ctx, q.Topic, st.index.Len())
		if err != nil {
			return nil, fmt.Errorf("topic search: %w", err)
		}
		relevant = make(map[string]bool, len(hits))
		for _, h := range hits {
			relevant[h.ID] = true
		}
	}
	var out []corpus.Event
	for _, ev := range events {
		if !ev.Overlaps(from, to) || (relevant != nil && !onTopic(st.index, ev, relevant, topicTerms)) {
			continue
		}
		out = append(out, ev)
		if q.Limit > 0 && len(out) == q.Limit {
			break
		}
	}
	return out, nil
}

// onTopic reports whether an event belongs to a topic: its passage must be
// relevant, and when the passage names the topic outright, the event's own
// sentence must too — a passage of captions about a border and a gift horse
// makes only the border sentence a border event.
func onTopic(ix *retrieval.Index, ev corpus.Event, relevant map[string]bool, topic []string) bool {
	if !relevant[ev.PassageID] {
		return false
	}
	p, _ := ix.Passage(ev.PassageID)
	if !sharesTerm(p.IndexText(), topic) {
		return true // relevant by meaning, not by words: keep all its events
	}
	return sharesTerm(ev.Text, topic)
}

func sharesTerm(text string, terms []string) bool {
	for _, t := range analysis.Terms(text) {
		if slices.Contains(terms, t) {
			return true
		}
	}
	return false
}
