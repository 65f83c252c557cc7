package retrieval

import (
	"container/heap"
	"iter"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/lexicon"
)

// BM25 parameters: the usual defaults, which suit paragraph-sized passages.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Lexical is a BM25 index over passages' analysed terms (see
// internal/analysis: folded, stemmed, stop words removed, CJK bigrams).
// Postings are kept as flat arrays and terms in sorted order, so that a
// stored index is used as read, with nothing rebuilt (see lexical_file.go).
type Lexical struct {
	data lexicalData
	// ids maps terms to ids in an index just built, whose embedding asks
	// every passage's terms' IDF; a stored index, asked only a query's,
	// finds them by binary search and builds no map at open.
	ids  map[string]uint32
	pool sync.Pool // []float32 score accumulators, one per concurrent search
}

// lexicalData is the persisted form of a Lexical.
type lexicalData struct {
	// Terms holds the terms in ascending order, back to back; term id i is
	// Terms[TermEnds[i-1]:TermEnds[i]] (from 0 for i = 0).
	Terms    string
	TermEnds []uint32
	Offsets  []uint32 // term id → start in Docs/TFs; len(TermEnds)+1 entries
	Docs     []uint32 // passage numbers, ascending within a term
	TFs      []uint16 // term frequency in that passage
	DocLens  []uint32 // passage number → number of terms
	AvgLen   float64
}

// NewLexical indexes texts; passage numbers are the texts' positions.
func NewLexical(texts []string) *Lexical {
	type posting struct {
		doc uint32
		tf  uint16
	}
	ids := map[string]uint32{}
	var postings [][]posting
	docLens := make([]uint32, len(texts))
	var termCount float64
	for doc, a := range analyzed(texts) {
		docLens[doc] = uint32(a.length)
		termCount += float64(a.length)
		for i, t := range a.terms {
			id, ok := ids[t]
			if !ok {
				id = uint32(len(postings))
				ids[t] = id
				postings = append(postings, nil)
			}
			postings[id] = append(postings[id], posting{uint32(doc), a.tfs[i]})
		}
	}
	sorted := slices.Sorted(maps.Keys(ids))
	npostings := 0
	for _, ps := range postings {
		npostings += len(ps)
	}
	d := lexicalData{
		TermEnds: make([]uint32, 0, len(sorted)),
		Offsets:  make([]uint32, 0, len(sorted)+1),
		Docs:     make([]uint32, 0, npostings),
		TFs:      make([]uint16, 0, npostings),
		DocLens:  docLens,
	}
	var terms strings.Builder
	for _, t := range sorted {
		terms.WriteString(t)
		d.TermEnds = append(d.TermEnds, uint32(terms.Len()))
		ps := postings[ids[t]]
		postings[ids[t]] = nil // collectable once flattened
		d.Offsets = append(d.Offsets, uint32(len(d.Docs)))
		for _, p := range ps {
			d.Docs = append(d.Docs, p.doc)
			d.TFs = append(d.TFs, p.tf)
		}
	}
	d.Terms = terms.String()
	d.Offsets = append(d.Offsets, uint32(len(d.Docs)))
	if len(texts) > 0 {
		d.AvgLen = termCount / float64(len(texts))
	}
	l := newLexicalFrom(d)
	l.ids = ids
	for i := range sorted {
		ids[d.term(i)] = uint32(i)
	}
	return l
}

// analysedText is a text's distinct terms, in order of first occurrence,
// with their frequencies, and its number of terms.
type analysedText struct {
	terms  []string
	tfs    []uint16
	length int
}

// analyse counts text's terms, using tf (left empty) as scratch.
func analyse(text string, tf map[string]int) analysedText {
	terms := analysis.Terms(text)
	a := analysedText{length: len(terms)}
	for _, t := range terms {
		i, ok := tf[t]
		if !ok {
			i = len(a.terms)
			tf[t] = i
			a.terms = append(a.terms, t)
			a.tfs = append(a.tfs, 0)
		}
		if a.tfs[i] < math.MaxUint16 {
			a.tfs[i]++
		}
	}
	clear(tf)
	return a
}

// analyzeBlock is how many texts a core analyses at a time for NewLexical.
const analyzeBlock = 256

// analyzed yields each text's terms in order. The texts are analysed in
// blocks on all cores, a few blocks ahead of the caller, while the caller
// builds the postings: analysis is most of a BM25 build (at 100k passages
// 0.93 s of it on one core, before this).
func analyzed(texts []string) iter.Seq2[int, analysedText] {
	return func(yield func(int, analysedText) bool) {
		workers := runtime.GOMAXPROCS(0)
		blocks := (len(texts) + analyzeBlock - 1) / analyzeBlock
		out := make([]chan []analysedText, blocks)
		for i := range out {
			out[i] = make(chan []analysedText, 1)
		}
		// A worker takes a slot before it takes a block, so the blocks
		// holding slots are always the lowest not yet yielded, and the
		// caller, who frees a slot per block yielded, is never stuck.
		slots := make(chan struct{}, 2*workers)
		stop := make(chan struct{})
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case slots <- struct{}{}:
					case <-stop:
						return
					}
					b := int(next.Add(1) - 1)
					if b >= blocks {
						return
					}
					lo, hi := b*analyzeBlock, min((b+1)*analyzeBlock, len(texts))
					res := make([]analysedText, hi-lo)
					tf := map[string]int{}
					for i := range res {
						res[i] = analyse(texts[lo+i], tf)
					}
					out[b] <- res
				}
			}()
		}
		defer wg.Wait()
		defer close(stop)
		for b := range blocks {
			terms := <-out[b]
			<-slots
			for i, t := range terms {
				if !yield(b*analyzeBlock+i, t) {
					return
				}
			}
		}
	}
}

func newLexicalFrom(d lexicalData) *Lexical {
	l := &Lexical{data: d}
	n := len(d.DocLens)
	l.pool.New = func() any { s := make([]float32, n); return &s }
	return l
}

// term returns the term of id.
func (d *lexicalData) term(id int) string {
	start := uint32(0)
	if id > 0 {
		start = d.TermEnds[id-1]
	}
	return d.Terms[start:d.TermEnds[id]]
}

// termID finds term in the map of a fresh index, else by binary search
// over the sorted terms.
func (l *Lexical) termID(term string) (int, bool) {
	if l.ids != nil {
		id, ok := l.ids[term]
		return int(id), ok
	}
	d := &l.data
	return sort.Find(len(d.TermEnds), func(i int) int { return strings.Compare(term, d.term(i)) })
}

// Len is the number of indexed passages.
func (l *Lexical) Len() int { return len(l.data.DocLens) }

// DocFreq is the number of passages that contain term.
func (l *Lexical) DocFreq(term string) int {
	id, ok := l.termID(term)
	if !ok {
		return 0
	}
	return int(l.data.Offsets[id+1] - l.data.Offsets[id])
}

// IDF is the BM25 inverse document frequency of term; a term no passage
// contains gets the weight of a term found in one passage.
func (l *Lexical) IDF(term string) float64 {
	df := l.DocFreq(term)
	if df == 0 {
		df = 1
	}
	n := float64(l.Len())
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// scored is a passage number with a score.
type scored struct {
	doc   int
	score float64
}

// Search returns up to k passages ranked by BM25 for the query's terms.
func (l *Lexical) Search(query string, k int) []scored {
	return l.searchTerms(analysis.Terms(query), k)
}

func (l *Lexical) searchTerms(terms []string, k int) []scored {
	return searchFields(plainQuery(terms), k, field{l, 1})
}

// queryTerm is a term of a BM25 query and its weight. An expansion (a word
// related to the query's, see expandQuery) also names the query terms it
// stands for: its IDF is capped at theirs, so a rare synonym does not count
// more than the word the user wrote.
type queryTerm struct {
	term   string
	weight float64
	from   []string
}

// plainQuery is the query of terms, each once, at weight 1.
func plainQuery(terms []string) []queryTerm {
	seen := make(map[string]bool, len(terms))
	q := make([]queryTerm, 0, len(terms))
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			q = append(q, queryTerm{term: t, weight: 1})
		}
	}
	return q
}

// expandQuery adds to the query's terms the words the lexicon relates to
// them (and to their phrases: "chief executive officer" → "ceo"), each at
// its relation's weight times u.Query, split over a related phrase's terms.
// A term related to several query words keeps its strongest weight.
func expandQuery(terms []string, u LexiconUse, lex *Lexical) []queryTerm {
	q := plainQuery(terms)
	if u.Query <= 0 {
		return q
	}
	at := make(map[string]int, len(q))
	for i, t := range q {
		at[t.term] = i
	}
	kinds := kindsOf(u.Kinds)
	for i := range terms {
		relatedTo(terms, i, u, kinds, func(r lexicon.Relation, n int) {
			from := terms[i : i+n]
			if u.MissingOnly && !anyMissing(lex, from) {
				return
			}
			w := float64(r.Weight) * u.Query / float64(len(r.Terms))
			if r.Kind == lexicon.Neighbour {
				w *= u.Neighbours
			}
			for _, t := range r.Terms {
				j, ok := at[t]
				switch {
				case !ok:
					at[t] = len(q)
					q = append(q, queryTerm{term: t, weight: w, from: from})
				case q[j].from != nil && w > q[j].weight:
					q[j].weight, q[j].from = w, from
				}
			}
		})
	}
	return q
}

func anyMissing(lex *Lexical, terms []string) bool {
	for _, t := range terms {
		if lex.DocFreq(t) == 0 {
			return true
		}
	}
	return false
}

// field is a lexical index over one field of the passages (text, title)
// with its weight in the summed score.
type field struct {
	lex    *Lexical
	weight float64
}

// searchFields ranks passages by the weighted sum of their fields' BM25
// scores. All fields index the same passages.
func searchFields(terms []queryTerm, k int, fields ...field) []scored {
	l := fields[0].lex
	if k <= 0 || l.Len() == 0 {
		return nil
	}
	acc := l.pool.Get().(*[]float32)
	scores := *acc
	defer func() {
		clear(scores)
		l.pool.Put(acc)
	}()
	var touched []uint32
	for _, f := range fields {
		touched = f.lex.accumulate(terms, f.weight, scores, touched)
	}
	h := make(minHeap, 0, k)
	for _, doc := range touched {
		s := float64(scores[doc])
		if len(h) < k {
			heap.Push(&h, scored{int(doc), s})
		} else if s > h[0].score || (s == h[0].score && int(doc) < h[0].doc) {
			h[0] = scored{int(doc), s}
			heap.Fix(&h, 0)
		}
	}
	out := make([]scored, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&h).(scored)
	}
	return out
}

// accumulate adds the weighted BM25 contributions of terms to scores and
// appends newly touched passages to touched.
func (l *Lexical) accumulate(terms []queryTerm, weight float64, scores []float32, touched []uint32) []uint32 {
	for _, qt := range terms {
		id, ok := l.termID(qt.term)
		if !ok {
			continue
		}
		lo, hi := l.data.Offsets[id], l.data.Offsets[id+1]
		idf := l.IDF(qt.term)
		if qt.from != nil {
			var limit float64
			for _, f := range qt.from {
				limit = max(limit, l.IDF(f))
			}
			idf = min(idf, limit)
		}
		idf *= weight * qt.weight
		for i := lo; i < hi; i++ {
			doc := l.data.Docs[i]
			tf := float64(l.data.TFs[i])
			norm := bm25K1 * (1 - bm25B + bm25B*float64(l.data.DocLens[doc])/l.data.AvgLen)
			if scores[doc] == 0 {
				touched = append(touched, doc)
			}
			scores[doc] += float32(idf * tf * (bm25K1 + 1) / (tf + norm))
		}
	}
	return touched
}

// minHeap keeps the k best results; the worst (lowest score, then highest
// passage number) is on top.
type minHeap []scored

func (h minHeap) Len() int { return len(h) }
func (h minHeap) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score < h[j].score
	}
	return h[i].doc > h[j].doc
}
func (h minHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)   { *h = append(*h, x.(scored)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
