// Package lexicon says which words mean nearly the same: synonyms,
// derivations (die → death), irregular inflections (bought → buy) and places
// that stand for the place containing them (Beijing → China). It is compiled
// from WordNet by ./gen into an embedded table whose keys and values are
// analysis terms (see internal/analysis), so callers look up what they index.
package lexicon

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kind says how two words are related.
type Kind uint8

// The kinds of relation, from WordNet's.
const (
	// Synonym: another word of one of the word's frequent senses (buy ~ purchase).
	Synonym Kind = iota + 1
	// Derivation: a derivationally related form (die → death, acquire → acquisition).
	Derivation
	// Inflection: an irregular form and its base form (bought ↔ buy).
	Inflection
	// Holonym: a place that contains the word's place or whose capital it is
	// (beijing → china), or back at a lower weight.
	Holonym
	// Hypernym: the more general word of the word's dominant sense (weak).
	Hypernym
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Synonym:
		return "synonym"
	case Derivation:
		return "derivation"
	case Inflection:
		return "inflection"
	case Holonym:
		return "holonym"
	case Hypernym:
		return "hypernym"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// MaxPhrase is the most terms a key of RelatedPhrase, or a related phrase,
// has.
const MaxPhrase = 3

// Relation is a word related in meaning to the looked-up one. Terms is the
// related word or phrase as analysis terms (folded, stop words dropped,
// Snowball-stemmed via internal/analysis.Terms), Weight in (0,1], higher =
// closer.
type Relation struct {
	Terms  []string
	Weight float32
	Kind   Kind
}

// Related returns the relations of an analysis term (as produced by
// analysis.Terms or analysis.Stem), strongest first; nil when there are none.
// The result is shared: callers must not modify it. Safe for concurrent use;
// the table is decompressed on the first call, so processes that never call
// it pay nothing.
func Related(term string) []Relation {
	return lookup(term)
}

// RelatedPhrase is Related for a key of several analysis terms, such as
// ("chief", "execut", "offic"); keys have at most MaxPhrase terms.
func RelatedPhrase(terms []string) []Relation {
	switch {
	case len(terms) == 0 || len(terms) > MaxPhrase:
		return nil
	case len(terms) == 1:
		return Related(terms[0])
	}
	if _, ok := load().phraseStarts[terms[0]]; !ok {
		return nil // most words start no phrase: skip the join and lookup
	}
	return lookup(strings.Join(terms, " "))
}

//go:embed lexicon.tsv.gz
var compressed []byte

// The table stays as text, one line per key in sorted order; a lookup finds
// the line by binary search and parses it once (cache). Decoding all 120k
// lines up front took 120 ms and 57 MB; this takes a third of the time and
// only the memory of the text.
var (
	loadOnce sync.Once
	loaded   *table
	cache    sync.Map // key → []Relation
)

type table struct {
	text         string
	lines        []uint32            // start of each line
	phraseStarts map[string]struct{} // first terms of the phrase keys
}

func load() *table {
	loadOnce.Do(func() {
		t, err := decode(compressed)
		if err != nil {
			panic("lexicon: embedded table is corrupt: " + err.Error())
		}
		loaded = t
	})
	return loaded
}

func lookup(key string) []Relation {
	if key == "" {
		return nil
	}
	if rs, ok := cache.Load(key); ok {
		return rs.([]Relation)
	}
	t := load()
	i := sort.Search(len(t.lines), func(i int) bool { return t.key(i) >= key })
	var rs []Relation
	if i < len(t.lines) && t.key(i) == key {
		rs = t.relations(i)
	}
	cache.Store(key, rs)
	return rs
}

// key is the key of line i.
func (t *table) key(i int) string {
	line := t.line(i)
	k, _, _ := strings.Cut(line, "\t")
	return k
}

func (t *table) line(i int) string {
	end := len(t.text)
	if i+1 < len(t.lines) {
		end = int(t.lines[i+1])
	}
	return strings.TrimSuffix(t.text[t.lines[i]:end], "\n")
}

// relations parses line i; a malformed relation is left out.
func (t *table) relations(i int) []Relation {
	_, fields, _ := strings.Cut(t.line(i), "\t")
	rels := make([]Relation, 0, strings.Count(fields, "\t")+1)
	for fields != "" {
		var f string
		f, fields, _ = strings.Cut(fields, "\t")
		if r, ok := parseRelation(f); ok {
			rels = append(rels, r)
		}
	}
	if len(rels) == 0 {
		return nil
	}
	return rels
}

// parseRelation parses one relation of a line: a kind letter, the weight in
// hundredths, a space and the related terms separated by spaces.
func parseRelation(f string) (Relation, bool) {
	head, terms, ok := strings.Cut(f, " ")
	if !ok || len(head) < 2 || terms == "" {
		return Relation{}, false
	}
	kind := kindOf(head[0])
	w, err := strconv.Atoi(head[1:])
	if kind == 0 || err != nil || w <= 0 || w > 100 {
		return Relation{}, false
	}
	return Relation{Terms: strings.Split(terms, " "), Weight: float32(w) / 100, Kind: kind}, true
}

// decode decompresses the table written by ./gen and indexes its lines: one
// line per key, in sorted order, the key and its tab-separated relations.
// Relations are parsed when looked up (TestRelatedShape checks them all).
func decode(gz []byte) (*table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(8 << 20)
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, err
	}
	t := &table{text: buf.String(), phraseStarts: map[string]struct{}{}}
	t.lines = make([]uint32, 0, strings.Count(t.text, "\n"))
	prev := ""
	for off := 0; off < len(t.text); {
		line, _, _ := strings.Cut(t.text[off:], "\n")
		key, _, ok := strings.Cut(line, "\t")
		if !ok || key <= prev {
			return nil, errBadLine(line)
		}
		prev = key
		if first, _, ok := strings.Cut(key, " "); ok {
			t.phraseStarts[first] = struct{}{}
		}
		t.lines = append(t.lines, uint32(off))
		off += len(line) + 1
	}
	return t, nil
}

type errBadLine string

func (e errBadLine) Error() string { return "bad line " + strconv.Quote(string(e)) }

func kindOf(c byte) Kind {
	switch c {
	case 'S':
		return Synonym
	case 'D':
		return Derivation
	case 'I':
		return Inflection
	case 'H':
		return Holonym
	case 'Y':
		return Hypernym
	}
	return 0
}
