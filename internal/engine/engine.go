// Package engine ties the layers together for the edges (CLI and Discord):
// a corpus, its stored index, and an answerer, behind one Ask call.
package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/answer/extractive"
	"github.com/citebot/citebot/retrieval"
)

// MaxQuestionChars is the longest question accepted, in characters.
const MaxQuestionChars = 4000

// DefaultK is how many passages are retrieved for a question by default.
const DefaultK = 5

// Errors for questions that cannot be asked; the edges word them for people.
var (
	ErrEmptyQuestion   = errors.New("the question is empty")
	ErrQuestionTooLong = fmt.Errorf("the question is longer than %d characters", MaxQuestionChars)
)

// Engine answers questions about one corpus. It is safe for concurrent use.
type Engine struct {
	corpus   *corpus.Corpus
	index    *retrieval.Index
	answerer answer.Answerer
	report   retrieval.OpenReport
	events   []corpus.Event
	topics   []string
}

// Option configures Open.
type Option func(*options)

type options struct {
	retrieval []retrieval.Option
	answerer  func(fallback answer.Answerer) (answer.Answerer, error)
}

// WithRetrieval passes options to the index (embedder, progress, fusion).
func WithRetrieval(opts ...retrieval.Option) Option {
	return func(o *options) { o.retrieval = append(o.retrieval, opts...) }
}

// WithAnswerer replaces the extractive answerer; make receives the
// extractive one to fall back on.
func WithAnswerer(make func(fallback answer.Answerer) (answer.Answerer, error)) Option {
	return func(o *options) { o.answerer = make }
}

// Open loads or builds the index of c under dataDir and readies an answerer.
func Open(ctx context.Context, dataDir string, c *corpus.Corpus, opts ...Option) (*Engine, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	ix, rep, err := retrieval.Open(ctx, dataDir, c, append(o.retrieval, retrieval.WithAttachment(eventsAttachment()))...)
	if err != nil {
		return nil, err
	}
	events, err := decodeEvents(ix.Attachment("events"))
	if err != nil {
		return nil, err
	}
	e := &Engine{corpus: c, index: ix, report: rep, events: events, topics: topicsOf(c.Passages)}
	e.answerer = extractive.New(ix.Lexical())
	if o.answerer != nil {
		a, err := o.answerer(e.answerer)
		if err != nil {
			return nil, err
		}
		e.answerer = a
	}
	return e, nil
}

// Corpus is the engine's corpus.
func (e *Engine) Corpus() *corpus.Corpus { return e.corpus }

// Index is the engine's index.
func (e *Engine) Index() *retrieval.Index { return e.index }

// OpenReport says whether Open loaded the stored index or rebuilt it, and why.
func (e *Engine) OpenReport() retrieval.OpenReport { return e.report }

// Request is a question to answer.
type Request struct {
	Question string
	// K is the number of passages to retrieve (DefaultK when 0).
	K       int
	History []answer.Turn
	Stream  func(chunk string)
}

// Result is an answer with the passages it was drawn from and timings.
type Result struct {
	Question string
	Answer   answer.Answer
	// Passages are all retrieved passages in rank order.
	Passages []retrieval.Hit
	Retrieve time.Duration
	Compose  time.Duration
}

// QuestionTooLongError is the error of a question over MaxQuestionChars;
// it matches ErrQuestionTooLong with errors.Is.
type QuestionTooLongError struct {
	// Chars is the trimmed question's length in characters.
	Chars int
}

func (e *QuestionTooLongError) Error() string {
	return fmt.Sprintf("the question is %d characters long; the limit is %d", e.Chars, MaxQuestionChars)
}

// Is reports whether target is ErrQuestionTooLong.
func (e *QuestionTooLongError) Is(target error) bool { return target == ErrQuestionTooLong }

// CheckQuestion returns the trimmed question, or ErrEmptyQuestion, or a
// *QuestionTooLongError (which is ErrQuestionTooLong) carrying its length.
func CheckQuestion(q string) (string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return "", ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestionChars {
		return "", &QuestionTooLongError{Chars: n}
	}
	return q, nil
}

// Ask retrieves passages for the question and composes a cited answer.
func (e *Engine) Ask(ctx context.Context, req Request) (Result, error) {
	q, err := CheckQuestion(req.Question)
	if err != nil {
		return Result{}, err
	}
	k := req.K
	if k <= 0 {
		k = DefaultK
	}
	start := time.Now()
	hits, err := e.index.Search(ctx, answer.WithContext(q, req.History), k)
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	res := Result{Question: q, Passages: hits, Retrieve: time.Since(start)}
	start = time.Now()
	ans, err := e.answerer.Answer(ctx, answer.Request{Question: q, Passages: hits, History: req.History, Stream: req.Stream})
	if err != nil {
		return Result{}, fmt.Errorf("answer: %w", err)
	}
	res.Answer = ans
	res.Compose = time.Since(start)
	return res, nil
}
