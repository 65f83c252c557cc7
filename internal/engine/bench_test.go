package engine

import (
	"context"
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
