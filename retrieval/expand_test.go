package retrieval

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/lexicon"
)

func findTerm(q []queryTerm, term string) (queryTerm, bool) {
	for _, t := range q {
		if t.term == term {
			return t, true
		}
	}
	return queryTerm{}, false
}

func TestExpandQuery(t *testing.T) {
	lex := NewLexical([]string{"The Harbor Company purchased the mill.", "The mill was repainted."})
	q := expandQuery(analysis.Terms("Who bought the mill from the CEO?"), DefaultLexiconUse, lex)
	for _, own := range []string{"bought", "mill", "ceo"} {
		if qt, ok := findTerm(q, own); !ok || qt.weight != 1 || qt.from != nil {
			t.Errorf("query's own term %q = %+v, want weight 1", own, qt)
		}
	}
	buy, ok := findTerm(q, "buy")
	if !ok || buy.weight != DefaultLexiconUse.Query || len(buy.from) != 1 || buy.from[0] != "bought" {
		t.Errorf("inflection buy = %+v, want weight %v from bought", buy, DefaultLexiconUse.Query)
	}
	if p, ok := findTerm(q, "purchas"); !ok || p.weight <= 0 || p.weight >= buy.weight {
		t.Errorf("synonym purchas = %+v, want a weight below the inflection's", p)
	}
	// A related phrase's weight is spread over its terms.
	if c, ok := findTerm(q, "execut"); !ok || c.weight >= DefaultLexiconUse.Query/2 {
		t.Errorf("phrase term execut = %+v", c)
	}
	if plain := expandQuery(analysis.Terms("Who bought the mill?"), NoLexicon, lex); len(plain) != 2 {
		t.Errorf("NoLexicon expanded the query: %+v", plain)
	}
	// MissingOnly leaves words the corpus has alone: "mill" is indexed.
	only := expandQuery(analysis.Terms("mill"), LexiconUse{Query: 0.5, MissingOnly: true}, lex)
	if len(only) != 1 {
		t.Errorf("MissingOnly expanded an indexed word: %+v", only)
	}
	strong := expandQuery(analysis.Terms("bought"), LexiconUse{Query: 0.5, MinWeight: 0.95}, lex)
	for _, qt := range strong[1:] {
		if qt.term != "buy" {
			t.Errorf("MinWeight 0.95 kept %+v", qt)
		}
	}
	// A distributional neighbour counts Neighbours × its weight × Query,
	// and not at all with Neighbours 0.
	troops := analysis.Terms("troops")
	if s, ok := findTerm(expandQuery(troops, DefaultLexiconUse, lex), "soldier"); !ok || s.weight <= 0 || s.weight > DefaultLexiconUse.Query*DefaultLexiconUse.Neighbours {
		t.Errorf("neighbour soldier = %+v, want a weight in (0, %v]", s, DefaultLexiconUse.Query*DefaultLexiconUse.Neighbours)
	}
	noNb := DefaultLexiconUse
	noNb.Neighbours = 0
	if s, ok := findTerm(expandQuery(troops, noNb, lex), "soldier"); ok {
		t.Errorf("Neighbours 0 still expanded troops → soldier: %+v", s)
	}
	hyper := LexiconUse{Query: 0.5, Kinds: []lexicon.Kind{lexicon.Hypernym}}
	for _, qt := range expandQuery(analysis.Terms("bought"), hyper, lex)[1:] {
		if qt.term == "buy" {
			t.Error("Kinds without Inflection still expanded bought → buy")
		}
	}
}

// TestExpansionFindsSynonyms: "bought" is in no passage, but its base form's
// synonym is; the expansion ranks that passage first, and counts less than
// the word itself would.
func TestExpansionFindsSynonyms(t *testing.T) {
	passages := []corpus.Passage{
		{ID: "d#1", Text: "The mill was repainted."},
		{ID: "d#2", Text: "In 1901 the Harbor Company, a shipping firm from the north, purchased the old mill and its land."},
	}
	ctx := context.Background()
	for _, c := range []struct {
		use   LexiconUse
		first string
	}{{DefaultLexiconUse, "d#2"}, {LexiconUse{Query: 0.4}, "d#2"}, {NoLexicon, "d#1"}} {
		ix, err := Build(ctx, passages, WithLexicon(c.use))
		if err != nil {
			t.Fatal(err)
		}
		lex := ix.lexicalSearch("Who bought the mill?", 5)
		if got := passages[lex[0].doc].ID; got != c.first {
			t.Errorf("%+v: BM25 ranks %s first, want %s", c.use, got, c.first)
		}
	}
	ix, err := Build(ctx, passages)
	if err != nil {
		t.Fatal(err)
	}
	expanded := ix.lexicalSearch("Who bought the mill?", 5)
	direct := ix.lexicalSearch("Who purchased the mill?", 5)
	if expanded[0].score >= direct[0].score {
		t.Errorf("an expansion scores %.3f, not less than the word itself (%.3f)", expanded[0].score, direct[0].score)
	}
}

// TestExpansionIDFCapped: a rare related word counts no more than the common
// word it stands for would.
func TestExpansionIDFCapped(t *testing.T) {
	texts := []string{"rarely purchased", "buy", "buy", "buy", "buy", "other"}
	lex := NewLexical(texts)
	capped := searchFields([]queryTerm{{term: "purchas", weight: 1, from: []string{"buy"}}}, 1, field{lex, 1})
	free := searchFields([]queryTerm{{term: "purchas", weight: 1}}, 1, field{lex, 1})
	if len(capped) != 1 || len(free) != 1 {
		t.Fatalf("capped %v, free %v", capped, free)
	}
	if capped[0].score >= free[0].score {
		t.Errorf("capped score %.3f ≥ uncapped %.3f", capped[0].score, free[0].score)
	}
	ratio := capped[0].score / free[0].score
	if want := lex.IDF("buy") / lex.IDF("purchas"); math.Abs(ratio-want) > 1e-3 {
		t.Errorf("capped/uncapped = %.3f, want IDF(buy)/IDF(purchas) = %.3f", ratio, want)
	}
}

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// TestConceptFeatures: with concept features, words the lexicon relates
// share features; the embedder's id says whether they are on, so stored
// indexes rebuild when they change.
func TestConceptFeatures(t *testing.T) {
	one := func(string) float64 { return 1 }
	pairs := [][2]string{{"bought", "purchased"}, {"CEO", "chief executive officer"}, {"Astana", "Kazakhstan"}}
	on := newLocalEmbedder(one, DefaultLexiconUse)
	off := newLocalEmbedder(one, NoLexicon)
	ctx := context.Background()
	for _, p := range pairs {
		a1, _ := on.Embed(ctx, p[0])
		b1, _ := on.Embed(ctx, p[1])
		a0, _ := off.Embed(ctx, p[0])
		b0, _ := off.Embed(ctx, p[1])
		if with, without := cosine(a1, b1), cosine(a0, b0); with < without+0.1 {
			t.Errorf("%q ~ %q: cosine %.2f with concepts, %.2f without", p[0], p[1], with, without)
		}
	}
	// Neighbours are for BM25 queries only: the embedder's vectors, and so
	// its id, do not change with them.
	noNb := DefaultLexiconUse
	noNb.Neighbours = 0
	nb := newLocalEmbedder(one, noNb)
	for _, text := range []string{"troops", "The CEO bought the mill."} {
		a, _ := on.Embed(ctx, text)
		b, _ := nb.Embed(ctx, text)
		if !slices.Equal(a, b) {
			t.Errorf("%q: the embedder's vector changed with Neighbours", text)
		}
	}
	if on.ID != LocalEmbedderID {
		t.Errorf("default embedder id %q, want LocalEmbedderID %q", on.ID, LocalEmbedderID)
	}
	ids := map[string]bool{}
	for _, u := range []LexiconUse{NoLexicon, DefaultLexiconUse, {Concepts: 0.7}, {Concepts: 0.5, Kinds: []lexicon.Kind{lexicon.Synonym}}} {
		ids[localEmbedderID(u)] = true
	}
	if len(ids) != 4 {
		t.Errorf("embedder ids do not tell concept settings apart: %v", ids)
	}
	if localEmbedderID(LexiconUse{Query: 0.9, Concepts: DefaultLexiconUse.Concepts}) != LocalEmbedderID {
		t.Error("the query weight changed the embedder id; it changes no vector")
	}
}

// TestStoredIndexExpands: an index loaded from disk uses the lexicon as the
// one just built does.
func TestStoredIndexExpands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := corpus.New("mill", []corpus.Document{{Path: "m.txt", Text: "Mill\n\nThe mill was repainted.\n\nIn 1901 the Harbor Company, a shipping firm from the north, purchased the old mill and its land."}})
	for range 2 { // build and store, then load
		ix, _, err := Open(ctx, dir, c)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(ctx, "Who bought the mill?", 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || !strings.Contains(hits[0].Text, "purchased") {
			t.Errorf("stored index: %+v, want the passage that says purchased", hits)
		}
		if ix.EmbedderID() != LocalEmbedderID {
			t.Errorf("embedder %q, want %q", ix.EmbedderID(), LocalEmbedderID)
		}
	}
}
