// Package lexicon says which words mean nearly the same: synonyms,
// derivations (die → death), irregular inflections (bought → buy) and places
// that stand for the place containing them (Beijing → China), and words used
// in the same contexts (ties ~ relations; GloVe vectors). It is compiled
// from WordNet and GloVe by ./gen into an embedded table whose keys and values are
// analysis terms (see internal/analysis), so callers look up what they index.
package lexicon

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/citebot/citebot/internal/lexicon/tablefile"
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
	// Neighbour: a word used in the same contexts (GloVe vectors): ties ~
	// relations, but also increase ~ decrease. Its weight is the cosine.
	Neighbour
	// Demonym: a place's adjective and the place, both ways (Danish ↔
	// Denmark).
	Demonym
	// Antonym: the opposite (hot ↔ cold, night ↔ day, increase ↔
	// decrease), from WordNet's antonym pointers. It is no related meaning:
	// callers that widen a query or cover a word must leave it out; a
	// sentence that says the opposite of a question's word answers another
	// question.
	Antonym
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
	case Neighbour:
		return "neighbour"
	case Demonym:
		return "demonym"
	case Antonym:
		return "antonym"
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
// the table is opened on the first call and decompressed piece by piece as
// words are looked up, so processes that never call it pay nothing.
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
	// Most words start no phrase key: a cheap check before the join and
	// lookup (phrase keys sort right after their first word).
	if ok, err := open().HasPrefix(terms[0] + " "); err != nil {
		panic("lexicon: embedded table is corrupt: " + err.Error())
	} else if !ok {
		return nil
	}
	return lookup(strings.Join(terms, " "))
}

//go:embed lexicon.bin
var encoded []byte

// The table is internal/lexicon/tablefile's: sorted lines in compressed
// chunks, so a process decompresses only the chunks its words fall in
// (decompressing all of it took 40 ms); a parsed line is cached.
var (
	openOnce sync.Once
	file     *tablefile.File
	cache    sync.Map // key → []Relation, for keys in the table only
)

func open() *tablefile.File {
	openOnce.Do(func() {
		f, err := tablefile.Open(encoded)
		if err != nil {
			panic("lexicon: embedded table is corrupt: " + err.Error())
		}
		file = f
	})
	return file
}

func lookup(key string) []Relation {
	if key == "" {
		return nil
	}
	if rs, ok := cache.Load(key); ok {
		return rs.([]Relation)
	}
	line, ok, err := open().Lookup(key)
	if err != nil {
		panic("lexicon: embedded table is corrupt: " + err.Error())
	}
	if !ok {
		return nil // not cached: a corpus's words are unbounded, the table is not
	}
	rs := parseLine(line)
	cache.Store(key, rs)
	return rs
}

// parseLine parses a table line: the key, then tab-separated relations. A
// malformed relation is left out.
func parseLine(line string) []Relation {
	_, fields, _ := strings.Cut(line, "\t")
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
	case 'N':
		return Neighbour
	case 'P':
		return Demonym
	case 'A':
		return Antonym
	}
	return 0
}
