package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/engine"
)

// maxK bounds --k: more passages than this only slow the answer down.
const maxK = 50

type askCmd struct {
	JSON     bool     `name:"json" help:"Print one JSON object instead of text."`
	K        int      `name:"k" default:"5" help:"Number of passages to retrieve (1-50)."`
	Question []string `arg:"" optional:"" help:"The question (quote it, or give it as several words)."`
}

// Run answers the question.
func (a *askCmd) Run(ctx context.Context, g *globals, e env) error {
	q, err := checkQuestion(strings.Join(a.Question, " "))
	if err != nil {
		return err
	}
	if a.K < 1 || a.K > maxK {
		return usagef("--k must be between 1 and %d, not %d", maxK, a.K)
	}
	eng, err := g.open(ctx, e)
	if err != nil {
		return err
	}
	req := engine.Request{Question: q, K: a.K}
	streamed := false
	if e.tty && !a.JSON {
		req.Stream = func(chunk string) { streamed = true; fmt.Fprint(e.stdout, chunk) }
	}
	res, err := eng.Ask(ctx, req)
	if err != nil {
		return err
	}
	if a.JSON {
		return json.NewEncoder(e.stdout).Encode(toAskJSON(res))
	}
	printAnswer(e.stdout, res, streamed)
	return nil
}

// checkQuestion turns the engine's question errors into usage errors.
func checkQuestion(q string) (string, error) {
	q, err := engine.CheckQuestion(q)
	switch {
	case errors.Is(err, engine.ErrEmptyQuestion):
		return "", usagef("the question is empty: citebot ask \"your question\"")
	case errors.Is(err, engine.ErrQuestionTooLong):
		return "", usagef("the question is %d characters long; the limit is %d", utf8.RuneCountInString(q), engine.MaxQuestionChars)
	}
	return q, err
}

// quoteChars is the length of the quote shown for each source.
const quoteChars = 160

// printAnswer writes the answer, then the numbered sources. When the answer
// was already streamed, only the sources follow.
func printAnswer(w io.Writer, res engine.Result, streamed bool) {
	ans := res.Answer
	if !streamed {
		fmt.Fprint(w, ans.Text)
	}
	fmt.Fprintln(w)
	if ans.Uncited && !ans.Abstained {
		fmt.Fprintln(w, "(This answer cites no source; check it against the passages below.)")
	}
	for _, warn := range ans.Warnings {
		fmt.Fprintf(w, "(%s)\n", warn)
	}
	if strings.Contains(ans.Backend, "fallback") {
		fmt.Fprintf(w, "(answered by %s)\n", ans.Backend)
	}
	fmt.Fprintln(w)
	if len(ans.Citations) > 0 {
		fmt.Fprintln(w, "Sources:")
		for _, c := range ans.Citations {
			fmt.Fprintf(w, "  [%d] %s%s\n", c.N, c.ID, where(c.Passage))
			if c.URL != "" {
				fmt.Fprintf(w, "      %s\n", c.URL)
			}
			fmt.Fprintf(w, "      %q\n", c.Excerpt(quoteChars))
		}
		return
	}
	if len(res.Passages) > 0 {
		fmt.Fprintln(w, "Closest passages (not cited):")
		for _, p := range res.Passages[:min(3, len(res.Passages))] {
			fmt.Fprintf(w, "  - %s%s\n", p.ID, where(p.Passage))
			if p.URL != "" {
				fmt.Fprintf(w, "      %s\n", p.URL)
			}
			fmt.Fprintf(w, "      %q\n", quote(p.IndexText(), quoteChars))
		}
	}
}

// where says where in its document a passage is, after its id: its section
// path ("Handbook › Calibration intervals") or, in a PDF, its page.
func where(p corpus.Passage) string {
	switch {
	case p.Section != "":
		return " — " + p.Section
	case p.Page > 0:
		return fmt.Sprintf(" — p. %d", p.Page)
	}
	return ""
}

// quote shortens s to at most n characters at a word boundary.
func quote(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// askJSON is the `ask --json` object.
type askJSON struct {
	ID        string             `json:"id,omitempty"`
	Question  string             `json:"question"`
	Answer    string             `json:"answer"`
	Abstained bool               `json:"abstained"`
	Backend   string             `json:"backend"`
	Uncited   bool               `json:"uncited,omitempty"`
	Warnings  []string           `json:"warnings,omitempty"`
	Citations []citationJSON     `json:"citations"`
	Passages  []passageJSON      `json:"passages"`
	TimingsMs map[string]float64 `json:"timings_ms"`
}

type citationJSON struct {
	N int `json:"n"`
	passageJSON
}

type passageJSON struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	// Section and URL are "" when the document's format has none.
	Section string `json:"section"`
	URL     string `json:"url"`
	// Page is the PDF page, left out for other formats.
	Page  int     `json:"page,omitempty"`
	Text  string  `json:"text"`
	Score float64 `json:"score"`
}

func toAskJSON(res engine.Result) askJSON {
	out := askJSON{
		Question:  res.Question,
		Answer:    res.Answer.Text,
		Abstained: res.Answer.Abstained,
		Backend:   res.Answer.Backend,
		Uncited:   res.Answer.Uncited,
		Warnings:  res.Answer.Warnings,
		Citations: []citationJSON{},
		Passages:  []passageJSON{},
		TimingsMs: map[string]float64{
			"retrieve": ms(res.Retrieve.Microseconds()),
			"answer":   ms(res.Compose.Microseconds()),
			"total":    ms((res.Retrieve + res.Compose).Microseconds()),
		},
	}
	for _, c := range res.Answer.Citations {
		out.Citations = append(out.Citations, citationJSON{N: c.N, passageJSON: passageOf(c.Hit.Passage, c.Score)})
	}
	for _, p := range res.Passages {
		out.Passages = append(out.Passages, passageOf(p.Passage, p.Score))
	}
	return out
}

func passageOf(p corpus.Passage, score float64) passageJSON {
	return passageJSON{ID: p.ID, Source: p.Source, Section: p.Section, URL: p.URL, Page: p.Page, Text: p.Text, Score: score}
}

func ms(us int64) float64 { return float64(us) / 1000 }

// maxTurns bounds the history a chat sends with a follow-up question.
const maxTurns = 3

type chatCmd struct {
	K int `name:"k" default:"5" help:"Number of passages to retrieve (1-50)."`
}

// Run reads questions line by line until "exit", "quit" or end of input.
func (c *chatCmd) Run(ctx context.Context, g *globals, e env) error {
	if c.K < 1 || c.K > maxK {
		return usagef("--k must be between 1 and %d, not %d", maxK, c.K)
	}
	eng, err := g.open(ctx, e)
	if err != nil {
		return err
	}
	if e.tty {
		fmt.Fprintf(e.stdout, "Ask about %s. Type 'exit' or press Ctrl-D to quit.\n", eng.Corpus().Name)
	}
	var history []answer.Turn
	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	for {
		if e.tty {
			fmt.Fprint(e.stdout, "> ")
		}
		if !in.Scan() {
			if e.tty {
				fmt.Fprintln(e.stdout)
			}
			return in.Err()
		}
		line := strings.TrimSpace(in.Text())
		switch strings.ToLower(line) {
		case "":
			continue
		case "exit", "quit":
			return nil
		}
		q, err := checkQuestion(line)
		if err != nil {
			fmt.Fprintf(e.stdout, "%v\n\n", err)
			continue
		}
		req := engine.Request{Question: q, K: c.K, History: history}
		streamed := false
		if e.tty {
			req.Stream = func(chunk string) { streamed = true; fmt.Fprint(e.stdout, chunk) }
		}
		res, err := eng.Ask(ctx, req)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			fmt.Fprintf(e.stdout, "Sorry, that failed: %v\n\n", err)
			continue
		}
		printAnswer(e.stdout, res, streamed)
		fmt.Fprintln(e.stdout)
		history = append(history, answer.Turn{Question: q, Answer: res.Answer.Text})
		if len(history) > maxTurns {
			history = history[len(history)-maxTurns:]
		}
	}
}
