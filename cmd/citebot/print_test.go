package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/retrieval"
)

// TestPrintRefusal: a refusal lists the closest passages at the sentence
// the answerer names; when it names none (a backend that cannot tell), at
// most three retrieved passages at their openings.
func TestPrintRefusal(t *testing.T) {
	p := func(id, text string) retrieval.Hit {
		return retrieval.Hit{Passage: corpus.Passage{ID: id, Source: "a.md", Section: "Rules", Text: text}}
	}
	hits := []retrieval.Hit{p("a.md#1", "Dogs stay outside. Bikes go in the rack."), p("a.md#2", "Two."), p("a.md#3", "Three."), p("a.md#4", "Four.")}
	refusal := answer.Answer{Text: "The documents don't say.", Abstained: true}

	var out bytes.Buffer
	printAnswer(&out, engine.Result{Answer: refusal, Passages: hits}, false)
	want := "The documents don't say.\n\nClosest passages (not cited):\n" +
		"  - a.md#1 — Rules\n      \"Dogs stay outside. Bikes go in the rack.\"\n" +
		"  - a.md#2 — Rules\n      \"Two.\"\n  - a.md#3 — Rules\n      \"Three.\"\n"
	if out.String() != want {
		t.Errorf("without closest sentences:\n%s\nwant\n%s", out.String(), want)
	}

	refusal.Closest = []answer.Citation{{Hit: hits[0], Quote: "Bikes go in the rack."}}
	out.Reset()
	printAnswer(&out, engine.Result{Answer: refusal, Passages: hits}, false)
	if got := out.String(); !strings.Contains(got, "at the sentence that came nearest:\n  - a.md#1 — Rules\n      \"…Dogs stay outside. Bikes go in the rack.\"\n") || strings.Contains(got, "a.md#2") {
		t.Errorf("with a closest sentence:\n%s", got)
	}
}
