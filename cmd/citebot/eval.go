package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/answer/extractive"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/internal/eval"
	"github.com/citebot/citebot/retrieval"
)

type evalCmd struct {
	Questions string   `name:"questions" required:"" help:"JSONL file of questions (id, kind, question, gold, answer_any)." placeholder:"FILE"`
	JSON      bool     `name:"json" help:"Print one JSON line per question, then a summary line."`
	K         int      `name:"k" default:"5" help:"Number of passages to retrieve (5-50; recall is measured up to 5)."`
	Without   []string `name:"without" help:"Switch reader measures off, to measure what each brings: lexicon (in the reader), lexicon-bm25, lexicon-embedder, types, surface, followups, confidence, learned, neighbours (in the reader), neighbours-bm25, runnerup, identifiers." placeholder:"MEASURE,..."`
}

// readerMeasures are the extractive reader's measures --without switches off.
var readerMeasures = map[string]func(*extractive.Features){
	"lexicon":     func(f *extractive.Features) { f.Lexicon = false },
	"types":       func(f *extractive.Features) { f.Types = false },
	"surface":     func(f *extractive.Features) { f.Surface = false },
	"followups":   func(f *extractive.Features) { f.FollowUps = false },
	"confidence":  func(f *extractive.Features) { f.Confidence = false },
	"learned":     func(f *extractive.Features) { f.Learned = false },
	"neighbours":  func(f *extractive.Features) { f.Neighbours = false },
	"runnerup":    func(f *extractive.Features) { f.RunnerUp = false },
	"identifiers": func(f *extractive.Features) { f.Identifiers = false },
}

// retrievalMeasures are the lexicon's uses in retrieval --without switches off.
var retrievalMeasures = map[string]func(*retrieval.LexiconUse){
	"lexicon-bm25":     func(u *retrieval.LexiconUse) { u.Query = 0 },
	"lexicon-embedder": func(u *retrieval.LexiconUse) { u.Concepts = 0 },
	"neighbours-bm25":  func(u *retrieval.LexiconUse) { u.Neighbours = 0 },
}

// readerOptions turns --without into engine options.
func (c *evalCmd) readerOptions() ([]engine.Option, error) {
	if len(c.Without) == 0 {
		return nil, nil
	}
	f := extractive.AllFeatures
	use := retrieval.DefaultLexiconUse
	for _, w := range c.Without {
		w = strings.TrimSpace(w)
		if off, ok := readerMeasures[w]; ok {
			off(&f)
		} else if off, ok := retrievalMeasures[w]; ok {
			off(&use)
		} else {
			return nil, usagef("--without: unknown measure %q (want %s)", w, withoutValues)
		}
	}
	opts := []engine.Option{engine.WithReader(extractive.WithFeatures(f)), engine.WithRetrieval(retrieval.WithLexicon(use))}
	if !f.FollowUps {
		// The first version's reading of a follow-up: the previous
		// question in front of it, for the search too.
		opts = append(opts, engine.WithQueryRewriter(func(_ context.Context, h []answer.Turn, q string) (string, error) {
			return h[len(h)-1].Question + " " + q, nil
		}))
	}
	return opts, nil
}

const withoutValues = "lexicon, lexicon-bm25, lexicon-embedder, neighbours, neighbours-bm25, types, surface, followups, confidence, learned, runnerup, identifiers"

// Run asks every question and reports the figures.
func (c *evalCmd) Run(ctx context.Context, g *globals, e env) error {
	if c.K < 5 || c.K > maxK {
		return usagef("--k must be between 5 and %d for eval, not %d", maxK, c.K)
	}
	f, err := os.Open(c.Questions)
	if err != nil {
		return fmt.Errorf("question file: %w", err)
	}
	qs, err := eval.ReadQuestions(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("question file %s: %w", c.Questions, err)
	}
	ropts, err := c.readerOptions()
	if err != nil {
		return err
	}
	eng, err := g.open(ctx, e, ropts...)
	if err != nil {
		return err
	}
	warnUnmatchedGold(e, eng, qs)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	var outs []eval.Outcome
	for _, q := range qs {
		// Earlier questions of the conversation are asked first; their
		// answers (and cited passages) are the follow-up's history.
		var history []answer.Turn
		for _, h := range q.History {
			res, err := eng.Ask(ctx, engine.Request{Question: h, K: c.K, History: history})
			if err != nil {
				return fmt.Errorf("question %s, history %q: %w", q.ID, h, err)
			}
			history = append(history, res.Answer.Turn(res.Question))
		}
		res, err := eng.Ask(ctx, engine.Request{Question: q.Question, K: c.K, History: history})
		if err != nil {
			return fmt.Errorf("question %s: %w", q.ID, err)
		}
		o := eval.Outcome{Question: q, Answer: res.Answer.Text, Abstained: res.Answer.Abstained, Latency: res.Retrieve + res.Compose}
		for _, p := range res.Passages {
			o.Passages = append(o.Passages, p.Text)
		}
		for _, c := range res.Answer.Closest {
			o.Closest = append(o.Closest, c.Quote)
		}
		outs = append(outs, o)
		if c.JSON {
			line := toAskJSON(res)
			line.ID = q.ID
			if err := enc.Encode(line); err != nil {
				return err
			}
		}
	}
	s := eval.Summarize(outs)
	if c.JSON {
		return enc.Encode(map[string]eval.Summary{"summary": s})
	}
	for _, o := range outs {
		miss := o.Miss()
		if miss == "" {
			fmt.Fprintf(e.stdout, "ok   %-8s %s\n", o.Question.ID, oneLine(o.Question.Question))
			continue
		}
		fmt.Fprintf(e.stdout, "MISS %-8s %s\n", o.Question.ID, oneLine(o.Question.Question))
		fmt.Fprintf(e.stdout, "       %s", miss)
		if !o.Abstained {
			fmt.Fprintf(e.stdout, ": %s", answer.Clip(o.Answer, 160))
		} else if o.ClosestHit() {
			fmt.Fprint(e.stdout, " (its closest passages quote the answer)")
		}
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintf(e.stdout, "\n%s (%d answerable, %d unanswerable", fmt.Sprintf("%d %s", s.Questions, plural(s.Questions, "question", "questions")), s.Answerable, s.Unanswerable)
	if s.FollowUps > 0 {
		fmt.Fprintf(e.stdout, ", %d follow-ups", s.FollowUps)
	}
	fmt.Fprintln(e.stdout, ")")
	fmt.Fprintf(e.stdout, "recall@1 %.2f  recall@3 %.2f  recall@5 %.2f  MRR %.3f\n", s.RecallAt1, s.RecallAt3, s.RecallAt5, s.MRR)
	fmt.Fprintf(e.stdout, "answer-hit %s  abstained on unanswerable %s  false abstentions %s\n",
		rate(s.AnswerHit, s.Answerable), rate(s.AbstentionRate, s.Unanswerable), rate(s.FalseAbstentionRate, s.Answerable))
	if s.FalseAbstentionRate > 0 {
		fmt.Fprintf(e.stdout, "false abstentions whose closest passages quote the answer %.2f\n", s.ClosestHit)
	}
	if s.FollowUps > 0 {
		fmt.Fprintf(e.stdout, "follow-ups answer-hit %.2f\n", s.FollowUpHit)
	}
	if len(s.Misses) > 0 {
		fmt.Fprint(e.stdout, "misses:")
		for _, m := range []string{eval.MissNotRetrieved, eval.MissAbstained, eval.MissOther, eval.MissAnswered} {
			if n := s.Misses[m]; n > 0 {
				fmt.Fprintf(e.stdout, "  %s %d", m, n)
			}
		}
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintf(e.stdout, "latency p50 %.2f ms  p95 %.2f ms\n", s.LatencyP50Ms, s.LatencyP95Ms)
	return nil
}

// warnUnmatchedGold warns about gold strings that no passage of the corpus
// contains: such a question's recall is always 0, usually a typo or the
// wrong corpus.
func warnUnmatchedGold(e env, eng *engine.Engine, qs []eval.Question) {
	texts := make([]string, len(eng.Corpus().Passages))
	for i, p := range eng.Corpus().Passages {
		texts[i] = p.Text
	}
	for _, q := range qs {
		if len(q.Gold) > 0 && !eval.AnyContains(texts, q.Gold) {
			fmt.Fprintf(e.stderr, "warning: question %s: no passage contains its gold %q\n", q.ID, q.Gold)
		}
	}
}

// rate prints a share, or "n/a" when the group it is a share of is empty.
func rate(r float64, n int) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", r)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
