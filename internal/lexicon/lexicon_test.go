package lexicon

import (
	"bytes"
	"compress/gzip"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/citebot/citebot/internal/analysis"
)

// weight returns the weight of the relation from a to b (words or phrases in
// plain English, analysed here as callers would), 0 when there is none.
func weight(t *testing.T, a, b string) (float32, Kind) {
	t.Helper()
	want := analysis.Terms(b)
	for _, r := range RelatedPhrase(analysis.Terms(a)) {
		if slices.Equal(r.Terms, want) {
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

func TestRelatedShape(t *testing.T) {
	if Related("") != nil || Related("qzxv") != nil || RelatedPhrase(nil) != nil {
		t.Error("unknown keys should have no relations")
	}
	if RelatedPhrase([]string{"a", "b", "c", "d"}) != nil {
		t.Error("keys longer than MaxPhrase should have no relations")
	}
	tab := load()
	for i := range tab.lines {
		key := tab.key(i)
		rs := Related(key)
		if len(rs) == 0 || len(rs) > 12 {
			t.Fatalf("%q has %d relations, want 1–12", key, len(rs))
		}
		if n := len(strings.Fields(key)); n > MaxPhrase {
			t.Fatalf("key %q has %d terms", key, n)
		}
		for i, r := range rs {
			if r.Weight <= 0 || r.Weight > 1 || r.Kind < Synonym || r.Kind > Hypernym || len(r.Terms) == 0 {
				t.Fatalf("%q: bad relation %+v", key, r)
			}
			if i > 0 && r.Weight > rs[i-1].Weight {
				t.Fatalf("%q: relations not strongest first: %+v", key, rs)
			}
		}
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

func TestDecodeRejectsCorruptTables(t *testing.T) {
	for _, bad := range [][]byte{nil, []byte("not gzip"), gz("b\tS50 x\na\tS50 y\n"), gz("a\n"), gz("a\tS1 x\na\tS1 y\n")} {
		if _, err := decode(bad); err == nil {
			t.Errorf("decode(%q) succeeded", bad)
		}
	}
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestDecodeAcceptsGoodTable(t *testing.T) {
	tab, err := decode(gz("a\tS50 x y\tD20 z\tQ50 bad kind\tS500 too heavy\tS50\nb\tI100 c\n"))
	if err != nil || len(tab.lines) != 2 || tab.key(1) != "b" {
		t.Fatalf("decode = %+v, %v", tab, err)
	}
	if tab.relations(1)[0].Kind != Inflection {
		t.Errorf("relations of b = %+v", tab.relations(1))
	}
	got := tab.relations(0)
	want := []Relation{{Terms: []string{"x", "y"}, Weight: 0.5, Kind: Synonym}, {Terms: []string{"z"}, Weight: 0.2, Kind: Derivation}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("relations = %+v, want %+v", got, want)
	}
}

func BenchmarkRelated(b *testing.B) {
	Related("buy")
	for b.Loop() {
		Related("buy")
		RelatedPhrase([]string{"chief", "execut", "offic"})
	}
}

func BenchmarkDecode(b *testing.B) {
	for b.Loop() {
		if _, err := decode(compressed); err != nil {
			b.Fatal(err)
		}
	}
}
