// Package answer composes a cited answer to a question from retrieved passages.
// The extractive answerer is the offline default; LLM backends live beside it.
package answer

import (
	"context"

	"github.com/citebot/citebot/retrieval"
)

// Turn is one earlier question and answer of a conversation, oldest first.
type Turn struct {
	Question string
	Answer   string
	// Cited are the ids of the passages the answer cited, in order, so a
	// follow-up can be read against what the previous answer stood on.
	Cited []string
}

// Request is what an Answerer needs: the question, the retrieved passages in
// rank order, and optionally earlier turns and a streaming callback.
type Request struct {
	Question string
	Passages []retrieval.Hit
	History  []Turn
	// Stream, when set, receives answer text as it is produced. Answerers
	// that cannot stream call it once with the whole answer text.
	Stream func(chunk string)
}

// Citation is one passage an answer cites; N is the marker number "[N]" used in
// the answer text, counted from 1 in order of first use.
type Citation struct {
	N int
	retrieval.Hit
	// Quote is the sentence of the passage the answer stands on (with a
	// little context), for source lists; empty when the backend can't tell.
	Quote string
}

// Answer is a composed answer. Text carries "[n]" markers that refer to
// Citations by N.
type Answer struct {
	Text      string
	Abstained bool
	// Backend names what produced the answer: "extractive", "openai:<model>",
	// or a fallback such as "extractive (fallback: openai timeout)".
	Backend   string
	Citations []Citation
	// Uncited is true when an answer makes claims but cites no valid source.
	Uncited bool
	// Warnings are notes for the user about the answer's citations, e.g. a
	// cited sentence that shares no content word with its passage.
	Warnings []string
	// Closest are, on an abstention, the passages that came closest to
	// answering, best first, each with the sentence of it that came
	// closest as its Quote (N is 0: nothing cites them). Backends that
	// cannot tell leave it empty. It is no answer: a caller shows it as
	// where to look, apart from the answer.
	Closest []Citation
	// Read are the ids of the passages the answerer read, the one with the
	// best evidence first, when it can tell (the extractive answerer does);
	// callers list passages in this order after the cited ones, so that an
	// abstention still leads with the passage that came closest.
	Read []string
}

// Answerer composes an answer to a request.
type Answerer interface {
	Answer(ctx context.Context, req Request) (Answer, error)
}

// Turn returns the conversation turn of this answer to question, with the
// ids of the passages it cited.
func (a Answer) Turn(question string) Turn {
	t := Turn{Question: question, Answer: a.Text}
	for _, c := range a.Citations {
		t.Cited = append(t.Cited, c.ID)
	}
	return t
}
