package lexicon

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/lexicon/tablefile"
)

// weight returns the weight of WordNet's relation from a to b (words or
// phrases in plain English, analysed here as callers would), 0 when there is
// none.
func weight(t *testing.T, a, b string) (float32, Kind) {
	t.Helper()
	want := analysis.Terms(b)
	for _, r := range RelatedPhrase(analysis.Terms(a)) {
		if slices.Equal(r.Terms, want) && r.Kind != Neighbour {
			return r.Weight, r.Kind
		}
	}
	return 0, 0
}

// TestRelatedPairs guards the table's quality: pairs WordNet relates in their
// usual senses, and pairs that must stay apart (rare senses, unrelated words,
// stop words).
func TestRelatedPairs(t *testing.T) {
	related := []struct {
		a, b string
		kind Kind
		min  float32
	}{
		{"buy", "purchase", Synonym, 0.5},
		{"purchase", "buy", Synonym, 0.5},
		{"bought", "buy", Inflection, 1},
		{"buy", "bought", Inflection, 1},
		{"went", "go", Inflection, 1},
		{"children", "child", Inflection, 1},
		{"die", "death", Derivation, 0.3},
		{"death", "die", Derivation, 0.3},
		{"die", "perish", Synonym, 0.5},
		{"killed", "die", Derivation, 0.3}, // kill causes die
		{"died", "kill", Derivation, 0.3},
		{"acquire", "acquisition", Derivation, 0.5},
		{"acquisition", "acquire", Derivation, 0.5},
		{"wage", "salary", Synonym, 0.5},
		{"begin", "start", Synonym, 0.3},
		{"meal", "repast", Synonym, 0.5},
		{"founded", "establish", Synonym, 0.2},
		{"reduce", "cut", Synonym, 0.2},
		{"CEO", "chief executive officer", Synonym, 0.5},
		{"chief executive officer", "CEO", Synonym, 0.5},
		{"Beijing", "China", Holonym, 0.5},
		{"Astana", "Kazakhstan", Holonym, 0.5},
		{"Kazakhstan", "Astana", Holonym, 0.3},
		{"Peking", "Beijing", Synonym, 0.5},
		{"Danish", "Denmark", Demonym, 0.8},
		{"Denmark", "Danish", Demonym, 0.8},
		{"Chinese", "China", Demonym, 0.8},
		{"hot", "cold", Antonym, 1},
		{"night", "day", Antonym, 1},
		{"increase", "decrease", Antonym, 1},
		{"high", "low", Antonym, 1},
	}
	for _, c := range related {
		w, k := weight(t, c.a, c.b)
		if k != c.kind || w < c.min {
			t.Errorf("%s → %s: weight %.2f %v, want ≥ %.2f %v", c.a, c.b, w, k, c.min, c.kind)
		}
	}
	unrelated := [][2]string{
		{"die", "go"},  // a rare sense of "go"
		{"die", "buy"}, // a word of the idiom "buy the farm", not a synonym
		{"large", "pregnant"},
		{"bank", "river"},
		{"China", "Japan"},
		{"cut", "separate"},
	}
	for _, c := range unrelated {
		if w, k := weight(t, c[0], c[1]); w >= 0.3 {
			t.Errorf("%s → %s: weight %.2f %v, want < 0.3", c[0], c[1], w, k)
		}
	}
	// "found" is a word of its own ("founded"), so only weakly "find".
	if w, _ := weight(t, "found", "find"); w > 0.4 {
		t.Errorf("found → find: weight %.2f, want ≤ 0.4", w)
	}
	for _, stop := range []string{"the", "be", "have", "and"} {
		if rs := Related(stop); rs != nil {
			t.Errorf("Related(%q) = %v, want nil for a stop word", stop, rs)
		}
	}
}

// neighbour returns the weight of the neighbour relation from a to b, 0
// when there is none.
func neighbour(a, b string) float32 {
	want := analysis.Terms(b)
	for _, r := range RelatedPhrase(analysis.Terms(a)) {
		if slices.Equal(r.Terms, want) && r.Kind == Neighbour {
			return r.Weight
		}
	}
	return 0
}

// TestNeighbours guards the GloVe neighbours: words used alike that WordNet
// does not relate are there; opposites, which GloVe puts as close (buy and
// sell at 0.92), and a word and a hub that is near everything are not.
func TestNeighbours(t *testing.T) {
	for _, p := range [][2]string{{"buy", "acquire"}, {"cut", "slash"}, {"troops", "soldiers"}, {"CEO", "chairman"}, {"Chinese", "Taiwanese"}, {"meal", "lunch"}} {
		if w := neighbour(p[0], p[1]); w < minCosine {
			t.Errorf("%s → %s: neighbour weight %.2f, want ≥ %.2f", p[0], p[1], w, minCosine)
		}
	}
	for _, p := range [][2]string{{"buy", "sell"}, {"increase", "decrease"}, {"win", "lose"}, {"accept", "reject"}, {"early", "late"}, {"founded", "although"}} {
		if w := neighbour(p[0], p[1]); w > 0 {
			t.Errorf("%s → %s: neighbour weight %.2f, want none", p[0], p[1], w)
		}
	}
	// A WordNet relation is not repeated as a neighbour.
	if w := neighbour("buy", "purchase"); w > 0 {
		t.Errorf("buy → purchase is a synonym and a neighbour (%.2f)", w)
	}
}

// minCosine is the generator's: no neighbour is less similar.
const minCosine = 0.62

// group orders the kinds of a line: WordNet's relations, the neighbours,
// the antonyms.
func group(k Kind) int {
	switch k {
	case Neighbour:
		return 1
	case Antonym:
		return 2
	}
	return 0
}

func TestRelatedShape(t *testing.T) {
	if Related("") != nil || Related("qzxv") != nil || RelatedPhrase(nil) != nil {
		t.Error("unknown keys should have no relations")
	}
	if RelatedPhrase([]string{"a", "b", "c", "d"}) != nil {
		t.Error("keys longer than MaxPhrase should have no relations")
	}
	n := 0
	err := open().Each(func(line string) {
		n++
		key, fields, _ := strings.Cut(line, "\t")
		rs := parseLine(line)
		if len(rs) == 0 || len(rs) > 12+8+4 || len(rs) != strings.Count(fields, "\t")+1 {
			t.Fatalf("%q: %d relations parsed from %q, want all of 1–24", key, len(rs), line)
		}
		if k := len(strings.Fields(key)); k > MaxPhrase {
			t.Fatalf("key %q has %d terms", key, k)
		}
		for i, r := range rs {
			if r.Weight <= 0 || r.Weight > 1 || r.Kind < Synonym || r.Kind > Antonym || len(r.Terms) == 0 {
				t.Fatalf("%q: bad relation %+v", key, r)
			}
			if i > 0 && group(rs[i-1].Kind) > group(r.Kind) {
				t.Fatalf("%q: WordNet's relations, then neighbours, then antonyms: %+v", key, rs)
			}
			// Strongest first within each group.
			if i > 0 && r.Weight > rs[i-1].Weight && group(r.Kind) == group(rs[i-1].Kind) {
				t.Fatalf("%q: relations not strongest first: %+v", key, rs)
			}
		}
	})
	if err != nil || n < 50_000 {
		t.Errorf("table has %d lines (%v), want a full lexicon", n, err)
	}
}

func TestRelatedConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if len(Related("buy")) == 0 {
				t.Error("no relations for buy")
			}
		})
	}
	wg.Wait()
}

func TestParseLine(t *testing.T) {
	got := parseLine("a\tS50 x y\tD20 z\tQ50 bad kind\tS500 too heavy\tS0 too light\tS50\tSx y")
	want := []Relation{{Terms: []string{"x", "y"}, Weight: 0.5, Kind: Synonym}, {Terms: []string{"z"}, Weight: 0.2, Kind: Derivation}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseLine = %+v, want %+v", got, want)
	}
	if parseLine("a") != nil || parseLine("a\tQ1 x") != nil {
		t.Error("a line without valid relations should have none")
	}
}

func BenchmarkRelated(b *testing.B) {
	Related("buy")
	for b.Loop() {
		Related("buy")
		RelatedPhrase([]string{"chief", "execut", "offic"})
	}
}

// BenchmarkFirstLookup is the cost a process pays for its first question:
// opening the table and decompressing the chunks of a question's words.
func BenchmarkFirstLookup(b *testing.B) {
	words := analysis.Terms("When did the company's founder pass away, and who bought the firm?")
	for b.Loop() {
		f, err := tablefile.Open(encoded)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range words {
			if _, _, err := f.Lookup(w); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestMissesNotCached: the cache holds table keys only, so indexing a corpus
// with millions of distinct words and phrases cannot grow it without bound.
func TestMissesNotCached(t *testing.T) {
	count := func() int {
		n := 0
		cache.Range(func(any, any) bool { n++; return true })
		return n
	}
	Related("buy")
	before := count()
	for i := range 1000 {
		Related(fmt.Sprintf("qzx%d", i))
		RelatedPhrase([]string{"buy", fmt.Sprintf("qzx%d", i)})
	}
	if after := count(); after != before {
		t.Errorf("cache grew from %d to %d entries on unknown keys", before, after)
	}
}
