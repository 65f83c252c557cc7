package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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
		req.Stream = func(chunk string) { streamed = true; fmt.Fprint(e.stdout, termSafe(chunk)) }
	}
	res, err := eng.Ask(ctx, req)
	if err != nil {
		return err
	}
	if a.JSON {
		return encodeJSON(e.stdout, toAskJSON(res))
	}
	printAnswer(e.stdout, res, streamed)
	return nil
}

// checkQuestion turns the engine's question errors into usage errors.
func checkQuestion(q string) (string, error) {
	q, err := engine.CheckQuestion(q)
	var long *engine.QuestionTooLongError
	switch {
	case errors.Is(err, engine.ErrEmptyQuestion):
		return "", usagef("the question is empty: citebot ask \"your question\"")
	case errors.As(err, &long):
		return "", usagef("the question is %s characters long; the limit is %s", thousands(long.Chars), thousands(engine.MaxQuestionChars))
	}
	return q, err
}

// thousands writes n with commas between groups of three digits: 4,321.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// encodeJSON writes v as one line of JSON, leaving &, < and > as they are
// (not \u0026): the output is read by people and programs, not HTML.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// quoteChars is the length of the quote shown for each source.
const quoteChars = 160

// printAnswer writes the answer, then the numbered sources. When the answer
// was already streamed, only the sources follow.
func printAnswer(out io.Writer, res engine.Result, streamed bool) {
	var w strings.Builder
	defer func() { io.WriteString(out, termSafe(w.String())) }()
	ans := res.Answer
	if !streamed {
		fmt.Fprint(&w, ans.Text)
	}
	fmt.Fprintln(&w)
	if ans.Uncited && !ans.Abstained {
		fmt.Fprintln(&w, "(This answer cites no source; check it against the passages below.)")
	}
	for _, warn := range ans.Warnings {
		fmt.Fprintf(&w, "(%s)\n", warn)
	}
	if strings.Contains(ans.Backend, "fallback") {
		fmt.Fprintf(&w, "(answered by %s)\n", ans.Backend)
	}
	fmt.Fprintln(&w)
	if len(ans.Citations) > 0 {
		fmt.Fprintln(&w, "Sources:")
		printPassages(&w, ans.Citations, func(c answer.Citation) string { return fmt.Sprintf("[%d]", c.N) })
		return
	}
	// A refusal lists where the documents came nearest: at the sentence
	// that came nearest when the answerer said which, else the passages'
	// openings (Excerpt of a citation without a quote).
	closest, heading := ans.Closest, "Closest passages (not cited), at the sentence that came nearest:"
	if len(closest) == 0 {
		heading = "Closest passages (not cited):"
		for _, p := range res.Passages[:min(3, len(res.Passages))] {
			closest = append(closest, answer.Citation{Hit: p})
		}
	}
	if len(closest) > 0 {
		fmt.Fprintln(&w, heading)
		printPassages(&w, closest, func(answer.Citation) string { return "-" })
	}
}

// printPassages writes one entry per passage: its label, id and place in
// its document, its page address, and its excerpt.
func printPassages(w *strings.Builder, cs []answer.Citation, label func(answer.Citation) string) {
	for _, c := range cs {
		fmt.Fprintf(w, "  %s %s%s\n", label(c), c.ID, where(c.Passage))
		if c.URL != "" {
			fmt.Fprintf(w, "      %s\n", c.URL)
		}
		fmt.Fprintf(w, "      %q\n", c.Excerpt(quoteChars))
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

// askJSON is the `ask --json` object.
type askJSON struct {
	ID        string         `json:"id,omitempty"`
	Question  string         `json:"question"`
	Answer    string         `json:"answer"`
	Abstained bool           `json:"abstained"`
	Backend   string         `json:"backend"`
	Uncited   bool           `json:"uncited,omitempty"`
	Warnings  []string       `json:"warnings,omitempty"`
	Citations []citationJSON `json:"citations"`
	Passages  []passageJSON  `json:"passages"`
	// Closest are, on an abstention, the passages that came nearest to
	// answering with the sentence of each that came nearest (see
	// answer.Answer.Closest); left out when the backend cannot tell.
	Closest   []closestJSON      `json:"closest,omitempty"`
	TimingsMs map[string]float64 `json:"timings_ms"`
}

type citationJSON struct {
	N int `json:"n"`
	passageJSON
}

type closestJSON struct {
	passageJSON
	Quote string `json:"quote"`
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
	for _, c := range res.Answer.Closest {
		out.Closest = append(out.Closest, closestJSON{passageJSON: passageOf(c.Passage, c.Score), Quote: c.Quote})
	}
	return out
}

func passageOf(p corpus.Passage, score float64) passageJSON {
	return passageJSON{ID: p.ID, Source: p.Source, Section: p.Section, URL: p.URL, Page: p.Page, Text: p.Text, Score: score}
}

func ms(us int64) float64 { return float64(us) / 1000 }
