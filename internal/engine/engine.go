// Package engine ties the layers together for the edges (CLI and Discord):
// a corpus, its stored index, and an answerer, behind one Ask call.
package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
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
// Update (and Watch) replace its corpus and index while it answers: each
// question is answered from the index it started with.
type Engine struct {
	dataDir string
	opts    options
	report  retrieval.OpenReport
	rewrite QueryRewriter
	cur     atomic.Pointer[state]
	// updating serialises updates.
	updating sync.Mutex
}

// state is one version of the corpus and everything built from it,
// swapped whole by Update.
type state struct {
	corpus   *corpus.Corpus
	index    *retrieval.Index
	answerer answer.Answerer
	// events and topics are decoded from the index's attachments on first
	// use: a CLI `ask` needs neither.
	events func() ([]corpus.Event, error)
	topics func() []string
}

// newState readies the answerer and the lazy attachments of an index.
func newState(c *corpus.Corpus, ix *retrieval.Index, o options) (*state, error) {
	s := &state{corpus: c, index: ix}
	s.events = sync.OnceValues(func() ([]corpus.Event, error) { return decodeEvents(ix.Attachment("events")) })
	s.topics = sync.OnceValue(func() []string { return decodeTopics(ix.Attachment("topics")) })
	s.answerer = extractive.New(ix.TermStats(), o.reader...)
	if o.answerer != nil {
		a, err := o.answerer(s.answerer)
		if err != nil {
			return nil, err
		}
		s.answerer = a
	}
	return s, nil
}

// state returns the current version of the corpus and index.
func (e *Engine) state() *state { return e.cur.Load() }

// Option configures Open.
type Option func(*options)

type options struct {
	retrieval []retrieval.Option
	answerer  func(fallback answer.Answerer) (answer.Answerer, error)
	rewrite   QueryRewriter
	reader    []extractive.Option
}

// WithReader passes options to the extractive answerer (e.g. to switch its
// measures off for measurement).
func WithReader(opts ...extractive.Option) Option {
	return func(o *options) { o.reader = append(o.reader, opts...) }
}

// QueryRewriter turns a follow-up and the conversation before it into a
// standalone search query ("When did he die?" → "When did Osei Finch
// die?"); an LLM backend provides one. On error the engine reads the
// follow-up itself (answer.ResolveFollowUp).
type QueryRewriter func(ctx context.Context, history []answer.Turn, question string) (string, error)

// WithQueryRewriter sets how follow-ups are turned into search queries.
func WithQueryRewriter(r QueryRewriter) Option {
	return func(o *options) { o.rewrite = r }
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
	o.retrieval = append(o.retrieval, retrieval.WithAttachment(eventsAttachment()), retrieval.WithAttachment(topicsAttachment()))
	ix, rep, err := retrieval.Open(ctx, dataDir, c, o.retrieval...)
	if err != nil {
		return nil, err
	}
	st, err := newState(c, ix, o)
	if err != nil {
		return nil, err
	}
	e := &Engine{dataDir: dataDir, opts: o, report: rep, rewrite: o.rewrite}
	e.cur.Store(st)
	return e, nil
}

// Corpus is the engine's current corpus.
func (e *Engine) Corpus() *corpus.Corpus { return e.state().corpus }

// Index is the engine's current index.
func (e *Engine) Index() *retrieval.Index { return e.state().index }

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
	// Query is what was searched: the question, or for a follow-up the
	// question read with the conversation before it.
	Query  string
	Answer answer.Answer
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

// query returns what to search for a question: the question itself, or
// for a follow-up a standalone query — the rewriter's when there is one
// and it succeeds, else the question with the subject it points back to.
func (e *Engine) query(ctx context.Context, q string, history []answer.Turn) (string, []string) {
	fu := answer.ResolveFollowUp(q, history)
	if !fu.IsFollowUp || e.rewrite == nil {
		return fu.Query, nil
	}
	rq, err := e.rewrite(ctx, history, q)
	if err != nil || strings.TrimSpace(rq) == "" {
		if ctx.Err() != nil {
			return fu.Query, nil
		}
		return fu.Query, []string{fmt.Sprintf("the follow-up was read without the model (%v)", err)}
	}
	return rq, nil
}

// citedFirst returns the passages with those the answer cites moved to
// the front, in citation order, then those the answerer read in its order
// (Answer.Read), the rest in rank order: the passage an answer stands on
// is the one to read first, whatever its retrieval rank, and an abstention
// leads with the passage that came closest to answering.
func citedFirst(hits []retrieval.Hit, cites []answer.Citation, read []string) []retrieval.Hit {
	if len(cites) == 0 && len(read) == 0 {
		return hits
	}
	out := make([]retrieval.Hit, 0, len(hits))
	seen := map[string]bool{}
	take := func(id string) {
		for _, h := range hits {
			if h.ID == id && !seen[h.ID] {
				seen[h.ID] = true
				out = append(out, h)
			}
		}
	}
	for _, c := range cites {
		take(c.ID)
	}
	for _, id := range read {
		take(id)
	}
	for _, h := range hits {
		if !seen[h.ID] {
			out = append(out, h)
		}
	}
	return out
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
	st := e.state()
	start := time.Now()
	query, warnings := e.query(ctx, q, req.History)
	found, err := st.index.SearchDetailed(ctx, query, k)
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	if found.Warning != "" {
		warnings = append(warnings, found.Warning)
	}
	hits := found.Hits
	res := Result{Question: q, Query: query, Passages: hits, Retrieve: time.Since(start)}
	start = time.Now()
	ans, err := st.answerer.Answer(ctx, answer.Request{Question: q, Passages: hits, History: req.History, Stream: req.Stream})
	if err != nil {
		return Result{}, fmt.Errorf("answer: %w", err)
	}
	ans.Warnings = append(ans.Warnings, warnings...)
	res.Answer = ans
	res.Passages = citedFirst(hits, ans.Citations, ans.Read)
	res.Compose = time.Since(start)
	return res, nil
}
