package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
)

// BenchmarkAsk measures retrieve + answer in process on the built-in corpus,
// cycling through questions of every kind.
func BenchmarkAsk(b *testing.B) {
	e, err := Open(context.Background(), b.TempDir(), corpus.Builtin())
	if err != nil {
		b.Fatal(err)
	}
	questions := []string{
		"When were diplomatic relations between the People's Republic of China and Kazakhstan formed?",
		"Who did Zhang Qian help against the Xiongnu?",
		"How much rail freight crosses the border at Alashankou every year?",
		"Where is the railway crossing between China and Kazakhstan?",
		"What is the official language of Mongolia?",
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := e.Ask(context.Background(), Request{Question: questions[i%len(questions)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkOpenStored measures opening the built-in corpus's stored index,
// the start-up cost of every `citebot ask`.
func BenchmarkOpenStored(b *testing.B) {
	dir := b.TempDir()
	if _, err := Open(context.Background(), dir, corpus.Builtin()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Open(context.Background(), dir, corpus.Builtin()); err != nil {
			b.Fatal(err)
		}
	}
}

// updateCorpus is n passages of the built-in corpus's paragraphs, each
// numbered so that none repeats, in 100 documents; variant changes
// document 50.
func updateCorpus(b *testing.B, n, variant int) *corpus.Corpus {
	paras := corpus.Builtin().Passages
	var docs []corpus.Document
	per := n / 100
	for d := range 100 {
		var text strings.Builder
		fmt.Fprintf(&text, "Document %d\n\n", d)
		for i := range per {
			fmt.Fprintf(&text, "%s (note %d.%d)\n\n", strings.Join(strings.Fields(paras[(d*per+i)%len(paras)].Text), " "), d, i)
		}
		if d == 50 {
			fmt.Fprintf(&text, "Revision %d.\n", variant)
		}
		docs = append(docs, corpus.Document{Path: fmt.Sprintf("doc%03d.txt", d), Text: text.String()})
	}
	c := corpus.New("bench-update", docs)
	if len(c.Passages) < n {
		b.Fatalf("%d passages, want %d", len(c.Passages), n)
	}
	return c
}

// BenchmarkUpdateOneChange measures Engine.Update after one of 100 files
// changed, as serve and chat apply it: the changed file's passages
// embedded, BM25 renumbered, events and topics rebuilt whole, the index
// stored. go test -run '^$' -bench UpdateOneChange ./internal/engine
func BenchmarkUpdateOneChange(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			cs := [2]*corpus.Corpus{updateCorpus(b, n, 0), updateCorpus(b, n, 1)}
			e, err := Open(context.Background(), b.TempDir(), cs[0])
			if err != nil {
				b.Fatal(err)
			}
			i := 1
			for b.Loop() {
				u, err := e.Update(context.Background(), cs[i%2])
				if err != nil || len(u.Changed) != 1 {
					b.Fatal(err, u)
				}
				i++
			}
		})
	}
}
