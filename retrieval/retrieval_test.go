package retrieval

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
)

func passages(texts ...string) []corpus.Passage {
	ps := make([]corpus.Passage, len(texts))
	for i, t := range texts {
		ps[i] = corpus.Passage{ID: "doc.txt#" + string(rune('1'+i)), Source: "doc.txt", Text: t}
	}
	return ps
}

func TestSearchBuiltin(t *testing.T) {
	ctx := context.Background()
	ix, err := Build(ctx, corpus.Builtin().Passages)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ query, want string }{
		{"When were diplomatic relations formed?", "January 3, 1992"},
		{"Urumqi drama", "Ürümqi stages Kazakh huaju"},           // folded diacritics
		{"话剧", "Ürümqi stages Kazakh huaju"},                     // CJK
		{"railway crossing Kazakshtan", "Alashankou and Dostyk"}, // the corpus's own misspelling
		{"cossacks invading", "Russian Cossack cavalry invaded"}, // stemming
	}
	for _, tc := range tests {
		hits, err := ix.Search(ctx, tc.query, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || !strings.Contains(hits[0].Text, tc.want) {
			t.Errorf("Search(%q) top hits %v, want one containing %q", tc.query, hits, tc.want)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("Search(%q): scores not descending", tc.query)
			}
		}
	}
}

func TestSearchEdgeCases(t *testing.T) {
	ctx := context.Background()
	ix, err := Build(ctx, passages("alpha beta", "gamma delta", "the of and"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "the", "?!", "zzz unknown"} {
		hits, err := ix.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(hits) > 3 {
			t.Fatalf("Search(%q) returned %d hits from 3 passages", q, len(hits))
		}
	}
	if hits, _ := ix.Search(ctx, "alpha", 0); hits != nil {
		t.Fatal("k=0 must return nothing")
	}
	if _, err := Build(ctx, nil); err != ErrNoPassages {
		t.Fatalf("Build(nil) = %v", err)
	}
	if _, err := Build(ctx, []corpus.Passage{{ID: "a"}, {ID: "a"}}); err == nil {
		t.Fatal("duplicate ids must fail")
	}
}

func TestLexicalBM25(t *testing.T) {
	l := NewLexical([]string{"border treaty treaty", "border border treaty", "treaty of friendship", "unrelated words here"})
	got := l.Search("border", 10)
	if len(got) != 2 {
		t.Fatalf("got %v", got)
	}
	// Among passages of one length, more occurrences rank higher.
	if got[0].doc != 1 || got[1].doc != 0 {
		t.Fatalf("got %v", got)
	}
	if l.DocFreq("border") != 2 || l.DocFreq("nothing") != 0 {
		t.Fatal("doc freq")
	}
	if !(l.IDF("friendship") > l.IDF("border")) {
		t.Fatal("rarer terms weigh more")
	}
	if l.IDF("absent") != l.IDF("friendship") {
		t.Fatal("absent terms weigh like terms found once")
	}
}

func TestLocalEmbedder(t *testing.T) {
	e := NewLocalEmbedder(func(string) float64 { return 1 })
	ctx := context.Background()
	for _, text := range []string{"Kazakhstan and China", "", "the of", "话剧", strings.Repeat("x", 10000)} {
		v, err := e.Embed(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		if len(v) != LocalDim {
			t.Fatalf("dim %d", len(v))
		}
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Fatalf("%q: norm² %f, want 1", text, sum)
		}
	}
	a, _ := e.Embed(ctx, "Kazakhstan railway")
	b, _ := e.Embed(ctx, "Kazakhstan railway")
	c, _ := e.Embed(ctx, "Kazakshtan railways")
	d, _ := e.Embed(ctx, "pneumonia embassy warning")
	if dot(a, b) < 0.9999 {
		t.Fatal("not deterministic")
	}
	if !(dot(a, c) > 0.5 && dot(a, c) > dot(a, d)+0.3) {
		t.Fatalf("misspelling similarity %.2f vs unrelated %.2f", dot(a, c), dot(a, d))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.Embed(cancelled, "x"); err == nil {
		t.Fatal("a cancelled context must fail")
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestRelevant(t *testing.T) {
	ctx := context.Background()
	ix, err := Build(ctx, corpus.Builtin().Passages)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Relevant(ctx, "border", ix.Len())
	if err != nil {
		t.Fatal(err)
	}
	var all string
	for _, h := range hits {
		all += h.Text + "\n"
	}
	for _, want := range []string{"Protocol of Chuguchak", "In 1997, both nations signed"} {
		if !strings.Contains(all, want) {
			t.Errorf("topic border misses %q", want)
		}
	}
	if strings.Contains(all, "pneumonia") {
		t.Errorf("topic border includes the pneumonia passage")
	}
}

func TestTitleGivesContext(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("lighthouses", []corpus.Document{
		{Path: "blackrock.md", Text: "# Blackrock lighthouse\n\nIt was first lit in 1874.\n\nThe keeper rowed ashore weekly."},
		{Path: "greystone.md", Text: "# Greystone lighthouse\n\nIt was first lit in 1901.\n\nThe keeper kept goats."},
	})
	ix, err := Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"When was the Greystone lighthouse first lit?": "greystone.md#1",
		"When was the Blackrock lighthouse first lit?": "blackrock.md#1",
		"Greystone goats": "greystone.md#2",
	} {
		hits, err := ix.Search(ctx, q, 2)
		if err != nil {
			t.Fatal(err)
		}
		if hits[0].ID != want {
			t.Errorf("Search(%q) = %s first, want %s", q, hits[0].ID, want)
		}
	}
}

// TestTermStatsCountTitles: a term only a document's title has is in the
// corpus for the reader ("BX-700"), though BM25's text statistics lack it.
func TestTermStatsCountTitles(t *testing.T) {
	c := corpus.New("manual", []corpus.Document{{Path: "manual.md", Text: "# Lumavo BX-700\n\n## Specifications\n\nThe weight is 6.2 kg."}})
	ix, err := Build(context.Background(), c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	s := ix.TermStats()
	if ix.Lexical().DocFreq("700") != 0 || s.DocFreq("700") == 0 {
		t.Errorf("title-only term: text doc freq %d, term stats %d; want 0 and more", ix.Lexical().DocFreq("700"), s.DocFreq("700"))
	}
	if s.DocFreq("weight") != ix.Lexical().DocFreq("weight") || s.IDF("weight") != ix.Lexical().IDF("weight") || s.Len() != ix.Lexical().Len() {
		t.Error("term stats differ from the text's for a text term")
	}
	if s.DocFreq("qzxv") != 0 {
		t.Error("a term nowhere has a doc freq")
	}
}
