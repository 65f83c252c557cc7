// Package llm answers questions with a large language model (OpenAI or a
// compatible server, Ollama, or Anthropic, through langchaingo), keeps the
// model to the retrieved passages and checks its citations, and falls back
// to another answerer, usually the extractive one, whenever the model fails.
package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tmc/langchaingo/llms"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

// backend is one provider's langchaingo model and what the answerer must
// know about its responses.
type backend struct {
	model       llms.Model
	callOptions []llms.CallOption
	mapErr      func(error) error
	// incomplete reports whether a response returned without error in fact
	// ended before the provider's end-of-answer marker; streamed is the raw
	// text passed to the streaming callback.
	incomplete func(resp *llms.ContentResponse, streaming bool, streamed string) bool
	// alwaysStream asks for a streamed response even when the request has
	// no callback, to see partial text (Ollama streams by default anyway).
	alwaysStream bool
}

// answerer is an answer.Answerer backed by an LLM.
type answerer struct {
	cfg      Config
	name     string // "openai:<model>"
	backend  backend
	fallback answer.Answerer
	logger   *slog.Logger
}

var _ answer.Answerer = (*answerer)(nil)

// errStreamClosed stops a langchaingo client that still calls the streaming
// callback after the call returned.
var errStreamClosed = errors.New("llm: stream closed")

// setUp applies opts and cfg's defaults and builds the backend: what New
// and NewQueryRewriter share once cfg is valid.
func setUp(cfg Config, opts []Option) (Config, options, backend, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	cfg = cfg.withDefaults()
	b, err := newBackend(cfg, o.httpClient)
	return cfg, o, b, err
}

// New returns an answerer that asks the LLM cfg describes and, when the call
// fails in any way (timeout, HTTP 401/403/404/429/5xx, a malformed body, a
// cut stream), returns fallback's answer instead, with Backend such as
// "extractive (fallback: openai timeout)". Its own answers have Backend
// "<provider>:<model>".
//
// Answers cite the passages as [n], renumbered from 1 in order of first
// use to match Answer.Citations; references to passages that don't exist
// are removed, an answer left without a valid citation is marked Uncited,
// and a reply that the sources don't answer the question is marked
// Abstained.
//
// Streaming: when Request.Stream is set, answer text is streamed as the
// model writes it, with citations already renumbered, so the streamed text
// is the final Answer.Text. If the call fails before any text was streamed,
// the fallback streams its answer as usual. If it fails after, the streamed
// text is abandoned: the fallback runs without the stream and its text is
// streamed once, after FallbackSeparator, and the returned Answer holds only
// the fallback's answer. Callers that must show exactly one answer should
// render the returned Answer (as ask --json does).
//
// Errors: New fails on an invalid cfg or a nil fallback. Answer returns an
// error only when ctx itself is done or the fallback fails too. No error or
// log message contains the API key.
func New(cfg Config, fallback answer.Answerer, opts ...Option) (answer.Answerer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if fallback == nil {
		return nil, errors.New("llm: a fallback answerer is required")
	}
	cfg, o, b, err := setUp(cfg, opts)
	if err != nil {
		return nil, err
	}
	return &answerer{
		cfg:      cfg,
		name:     cfg.Provider + ":" + cfg.Model,
		backend:  b,
		fallback: fallback,
		logger:   o.logger,
	}, nil
}

// newBackend builds the provider's client for a validated cfg with
// defaults, sending through a copy of hc with capped bodies.
func newBackend(cfg Config, hc *http.Client) (backend, error) {
	c := clientWith(hc)
	var (
		b   backend
		err error
	)
	switch cfg.Provider {
	case ProviderOpenAI:
		b, err = newOpenAI(cfg, c)
	case ProviderOllama:
		b, err = newOllama(cfg, c)
	case ProviderAnthropic:
		b, err = newAnthropic(cfg, c)
	default:
		err = fmt.Errorf("%w %q", ErrUnknownProvider, cfg.Provider)
	}
	if err != nil {
		return backend{}, errors.New(redact(err.Error(), cfg.APIKey))
	}
	return b, nil
}

// Answer implements answer.Answerer.
func (a *answerer) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	if err := ctx.Err(); err != nil {
		return answer.Answer{}, fmt.Errorf("llm: %w", err)
	}
	if len(req.Passages) == 0 {
		return a.fallBack(ctx, req, newFailure(a.cfg.Provider, ReasonNoPassages, nil, ""), false)
	}
	p := buildPrompt(req.Question, req.Passages, req.History, a.cfg.ContextChars)

	callCtx, cancel := context.WithTimeout(ctx, a.cfg.Timeout)
	defer cancel()
	rec := &callRecord{}
	callCtx = withRecord(callCtx, rec)

	callOpts := append([]llms.CallOption{
		llms.WithModel(a.cfg.Model),
		llms.WithTemperature(a.cfg.Temperature),
	}, a.backend.callOptions...)
	if a.cfg.MaxTokens > 0 {
		callOpts = append(callOpts, llms.WithMaxTokens(a.cfg.MaxTokens))
	}
	st := &stream{
		out:    req.Stream,
		redact: newKeyRedactor(a.cfg.APIKey),
		rw:     newRewriter(len(p.sources)),
		limit:  a.cfg.MaxAnswerChars,
		// Four bytes a character, and room for citation markers.
		rawLimit: 4*a.cfg.MaxAnswerChars + 4096,
		stop:     cancel,
	}
	streaming := req.Stream != nil || a.backend.alwaysStream
	if streaming {
		callOpts = append(callOpts, llms.WithStreamingFunc(st.write))
	}

	resp, err := a.backend.model.GenerateContent(callCtx, p.messages, callOpts...)
	raw, streamed, capped := st.close()

	if ctx.Err() != nil {
		// The caller gave up; no answer is wanted.
		return answer.Answer{}, fmt.Errorf("llm: %s: %w", a.name, ctx.Err())
	}
	var text, stop string
	if capped {
		// The stream reached the answer cap and the call was stopped: what
		// arrived is the answer, cut below.
		text = raw
	} else {
		outcome := callOutcome{
			err:      err,
			timedOut: errors.Is(callCtx.Err(), context.DeadlineExceeded),
			partial:  raw != "",
			rec:      rec,
			mapErr:   a.backend.mapErr,
		}
		if err == nil {
			if resp == nil || len(resp.Choices) == 0 {
				outcome.incomplete = true
			} else {
				outcome.incomplete = a.backend.incomplete(resp, streaming, raw)
				for _, c := range resp.Choices {
					text += c.Content
					if c.StopReason != "" {
						stop = c.StopReason
					}
				}
				outcome.empty = strings.TrimSpace(text) == ""
			}
		}
		if reason := classify(outcome); reason != "" {
			return a.fallBack(ctx, req, newFailure(a.cfg.Provider, reason, err, a.cfg.APIKey), streamed)
		}
	}
	ans := compose(redact(text, a.cfg.APIKey), p.sources, a.cfg.MaxAnswerChars)
	if ans.Text == "" {
		// Nothing but invalid markers; nothing was streamed either.
		return a.fallBack(ctx, req, newFailure(a.cfg.Provider, ReasonEmpty, nil, ""), streamed)
	}
	if req.Stream != nil && !capped {
		if tail := st.flush(); tail != "" {
			req.Stream(tail)
		}
	}
	ans.Backend = a.name
	if ans.Abstained {
		ans.Closest = a.closest(ctx, req)
	}
	if stop == "length" || stop == "max_tokens" {
		ans.Warnings = append(ans.Warnings, "the answer stopped at the token limit and may be incomplete")
	}
	return ans, nil
}

// closest asks the fallback where the passages come nearest, for a
// refusal to show (answer.Answer.Closest): the passages it would quote
// when it refuses too, those it would cite when it answers. It never
// streams; if it fails, the refusal lists no passages.
func (a *answerer) closest(ctx context.Context, req answer.Request) []answer.Citation {
	req.Stream = nil
	fb, err := a.fallback.Answer(ctx, req)
	if err != nil {
		return nil
	}
	if fb.Abstained {
		return fb.Closest
	}
	var out []answer.Citation
	seen := map[string]bool{}
	for _, c := range fb.Citations {
		if !seen[c.ID] {
			seen[c.ID] = true
			c.N = 0
			out = append(out, c)
		}
	}
	return out
}

// stream passes model text to the request's callback through a key
// redactor and a citation rewriter, and stops the call once the text shown
// reaches the answer cap. langchaingo may call it from a reader goroutine,
// and the Anthropic client may call it after GenerateContent returned, so it
// is guarded and refuses text once closed.
type stream struct {
	mu       sync.Mutex
	out      func(string)
	redact   *keyRedactor
	rw       *rewriter
	raw      strings.Builder
	rawLimit int    // cap on the raw text received, in bytes
	limit    int    // answer cap in runes, 0 for none
	shown    int    // runes passed to out
	stop     func() // cancels the call
	streamed bool
	capped   bool
	closed   bool
}

func (s *stream) write(_ context.Context, chunk []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.capped {
		return errStreamClosed
	}
	s.raw.Write(chunk)
	if s.raw.Len() > s.rawLimit {
		// Far more text than the answer cap keeps: stop the call. (The
		// clients also concatenate every chunk, a cost that grows with the
		// square of the length.)
		s.capped = true
		s.stop()
		return errStreamClosed
	}
	if s.out == nil {
		return nil
	}
	s.show(s.rw.Write(s.redact.Write(string(chunk))))
	return nil
}

// show passes text to out up to the answer cap; at the cap it stops the call.
func (s *stream) show(text string) {
	if text == "" {
		return
	}
	if n := utf8.RuneCountInString(text); s.limit > 0 && s.shown+n > s.limit {
		text = clipRunes(text, s.limit-s.shown) // ends in "…"
		s.capped = true
		s.stop()
	}
	s.shown += utf8.RuneCountInString(text)
	s.streamed = true
	s.out(text)
}

// flush returns the text the redactor and the rewriter still hold at the
// end of a complete answer.
func (s *stream) flush() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rw.Write(s.redact.Close()) + s.rw.Close()
}

// close stops the stream and returns the raw text received, whether any
// text reached the callback, and whether the answer cap stopped the call.
func (s *stream) close() (raw string, streamed, capped bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return s.raw.String(), s.streamed, s.capped
}

// claimOf returns the sentences of text that carry the marker [n].
func claimOf(text string, n int) string {
	marker := "[" + strconv.Itoa(n) + "]"
	var out []string
	for _, s := range analysis.Sentences(text) {
		if strings.Contains(s, marker) {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}

// compose turns model text into an Answer: citations rewritten and
// resolved to passages, abstention and uncited answers marked, and cited
// sentences that share no content word with their passage flagged.
func compose(text string, sources []retrieval.Hit, maxChars int) answer.Answer {
	out, cited := rewriteCitations(text, len(sources))
	out, cut := capText(out, maxChars)
	if cut {
		// Markers are numbered in order of first use, so those left in a
		// prefix of the text are 1..k.
		k := 0
		for _, n := range markerNumbers(out, len(cited)) {
			k = max(k, n)
		}
		cited = cited[:k]
	}
	ans := answer.Answer{Text: out}
	for i, s := range cited {
		hit := sources[s-1]
		// The quote is the passage's sentence closest to what the answer
		// says with this marker, for source lists.
		quote := answer.BestSentence(claimOf(out, i+1), hit.IndexText())
		ans.Citations = append(ans.Citations, answer.Citation{N: i + 1, Hit: hit, Quote: quote})
	}
	switch {
	case len(ans.Citations) == 0 && abstains(out):
		ans.Abstained = true
	case len(ans.Citations) == 0:
		ans.Uncited = true
	default:
		ans.Warnings = unsupportedSentences(out, ans.Citations)
	}
	if cut {
		ans.Warnings = append(ans.Warnings, cutWarning(maxChars))
	}
	return ans
}
