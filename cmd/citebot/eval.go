package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/internal/eval"
)

type evalCmd struct {
	Questions string `name:"questions" required:"" help:"JSONL file of questions (id, kind, question, gold, answer_any)." placeholder:"FILE"`
	JSON      bool   `name:"json" help:"Print one JSON line per question, then a summary line."`
	K         int    `name:"k" default:"5" help:"Number of passages to retrieve (5-50; recall is measured up to 5)."`
}

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
	eng, err := g.open(ctx, e)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	var outs []eval.Outcome
	for _, q := range qs {
		res, err := eng.Ask(ctx, engine.Request{Question: q.Question, K: c.K})
		if err != nil {
			return fmt.Errorf("question %s: %w", q.ID, err)
		}
		o := eval.Outcome{Question: q, Answer: res.Answer.Text, Abstained: res.Answer.Abstained, Latency: res.Retrieve + res.Compose}
		for _, p := range res.Passages {
			o.Passages = append(o.Passages, p.Text)
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
		mark := "ok  "
		switch {
		case !o.Question.Answerable() && !o.Abstained:
			mark = "MISS"
		case o.Question.Answerable() && (o.Abstained || !o.AnswerHit()):
			mark = "MISS"
		}
		fmt.Fprintf(e.stdout, "%s %-6s %s\n", mark, o.Question.ID, strings.TrimSpace(o.Question.Question))
	}
	fmt.Fprintf(e.stdout, "\n%d questions (%d answerable, %d unanswerable)\n", s.Questions, s.Answerable, s.Unanswerable)
	fmt.Fprintf(e.stdout, "recall@1 %.2f  recall@3 %.2f  recall@5 %.2f  MRR %.3f\n", s.RecallAt1, s.RecallAt3, s.RecallAt5, s.MRR)
	fmt.Fprintf(e.stdout, "answer-hit %.2f  abstained on unanswerable %.2f  false abstentions %.2f\n", s.AnswerHit, s.AbstentionRate, s.FalseAbstentionRate)
	fmt.Fprintf(e.stdout, "latency p50 %.2f ms  p95 %.2f ms\n", s.LatencyP50Ms, s.LatencyP95Ms)
	return nil
}
