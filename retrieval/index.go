package retrieval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/analysis"
	"github.com/philippgille/chromem-go"
)

// collectionName prefixes the chromem collections that hold passage vectors.
const collectionName = "passages"

// shardCount is how many chromem collections hold n passages: one per
// 6,250 passages, a multiple of the cores, at most 128 per core. chromem
// scans a collection with one goroutine handing every document through a
// channel and a heap locked for every document; querying many smaller
// collections at once runs those parts in parallel and keeps each scan's
// map small. Measured on 2 cores shared with other jobs: at 100k passages
// (BenchmarkVectorScan) one collection 48–69 ms, two 37–52, four 35, five
// 36–57, eight 33–35, sixteen 32–33; at 1M (retrieval p50 over a stored
// index, alternating runs) sixteen 384–389 ms, 32 350–358, 64 323–328, 128
// 307–319, 160 298–306. Results are the same however the passages are
// split (TestShardedVectorSearch).
func shardCount(n int) int {
	cores := runtime.GOMAXPROCS(0)
	s := max(1, min(128*cores, n/shardMinPassages))
	if s > cores {
		s -= s % cores // a whole number per core: five on two cores measured slower than four
	}
	return s
}

// shardMinPassages is the share of passages from which another collection
// pays; a variable for tests.
var shardMinPassages = 6_250

// Index answers searches over a fixed set of passages with vectors (chromem)
// and BM25, fused. It is safe for concurrent searches.
type Index struct {
	passages []corpus.Passage
	byID     map[string]int
	lex      *Lexical
	// titles indexes each passage's document title, a second BM25 field.
	titles *Lexical
	db     *chromem.DB
	// shards are chromem collections holding contiguous shares of the
	// passages, queried at once (see shardCount).
	shards []*chromem.Collection
	// vectors holds every passage's vector back to back, dim floats each,
	// in passage order; chromem's documents point into it, so each vector
	// is kept once, and it is what is stored.
	vectors  []float32
	dim      int
	embedder Embedder
	fuse     Fusion
	// candidates is how many results each ranking contributes to fusion.
	candidates  int
	attachments map[string][]byte
	lexicon     LexiconUse
	// docs are the documents of the passages, with their hashes, when the
	// index was opened from a corpus (Open, Update); Update keeps the
	// vectors of those unchanged.
	docs []DocumentSum
}

// Option configures Build and Open.
type Option func(*options)

type options struct {
	embedder    *Embedder
	fusion      Fusion
	candidates  int
	progress    func(done, total int)
	attachments []Attachment
	lexicon     LexiconUse
	lockWait    func()
}

// Attachment is data derived from the corpus, such as the timeline's events,
// that is built with the index and stored beside it under the same manifest:
// it is rebuilt exactly when the index is, or when its Version changes.
type Attachment struct {
	Name    string // a short file-name-safe name, e.g. "events"
	Version string
	Build   func(ctx context.Context, c []corpus.Passage) ([]byte, error)
}

// WithAttachment builds and stores a with the index; read it back with
// Index.Attachment.
func WithAttachment(a Attachment) Option {
	return func(o *options) { o.attachments = append(o.attachments, a) }
}

// WithEmbedder replaces the local embedder.
func WithEmbedder(e Embedder) Option { return func(o *options) { o.embedder = &e } }

// WithFusion replaces the default fusion of the vector and lexical rankings.
func WithFusion(f Fusion) Option { return func(o *options) { o.fusion = f } }

// WithCandidates sets how many results each ranking contributes to fusion
// (default 50).
func WithCandidates(n int) Option { return func(o *options) { o.candidates = n } }

// WithProgress is called as passages are embedded, with the number done so
// far and the total; the CLI draws a progress bar from it.
func WithProgress(fn func(done, total int)) Option { return func(o *options) { o.progress = fn } }

func buildOptions(opts []Option) options {
	o := options{fusion: DefaultFusion, candidates: 50, lexicon: DefaultLexiconUse}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// ErrNoPassages is returned when there is nothing to index.
var ErrNoPassages = errors.New("no passages to index")

// Build indexes passages in memory: BM25 over their index text and vectors
// from the embedder (the local one, weighted by the BM25 IDF, by default).
func Build(ctx context.Context, passages []corpus.Passage, opts ...Option) (*Index, error) {
	if len(passages) == 0 {
		return nil, ErrNoPassages
	}
	o := buildOptions(opts)
	return build(ctx, passages, o, func(ctx context.Context) (*Index, error) { return buildIndex(ctx, passages, o) })
}

// build builds the attachments of passages and, with index, the index.
func build(ctx context.Context, passages []corpus.Passage, o options, index func(context.Context) (*Index, error)) (*Index, error) {
	// Attachments need neither the lexical index nor the vectors: build
	// them on another core while BM25 is built on one (at 100k passages,
	// topics and events take about as long as BM25).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	attachments := make(chan attachmentsResult, 1)
	go func() { attachments <- buildAttachments(ctx, passages, o.attachments) }()
	ix, err := index(ctx)
	if err != nil {
		cancel()
		<-attachments
		return nil, err
	}
	res := <-attachments
	if res.err != nil {
		return nil, res.err
	}
	ix.attachments = res.data
	return ix, nil
}

type attachmentsResult struct {
	data map[string][]byte
	err  error
}

// buildAttachments builds each attachment on a core of its own: at 100k
// passages the engine's topics take 0.9 s and its events 0.6 s, which one
// after the other were most of a live update's time.
func buildAttachments(ctx context.Context, passages []corpus.Passage, as []Attachment) attachmentsResult {
	built := make([][]byte, len(as))
	errs := make([]error, len(as))
	var wg sync.WaitGroup
	for i, a := range as {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := a.Build(ctx, passages)
			if err != nil {
				err = fmt.Errorf("build %s: %w", a.Name, err)
			}
			built[i], errs[i] = b, err
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return attachmentsResult{err: err}
	}
	data := make(map[string][]byte, len(as))
	for i, a := range as {
		data[a.Name] = built[i]
	}
	return attachmentsResult{data: data}
}

// buildIndex builds BM25 and the vectors of passages.
func buildIndex(ctx context.Context, passages []corpus.Passage, o options) (*Index, error) {
	texts, titles := indexTexts(passages)
	ix, err := newIndex(passages, NewLexical(texts), NewLexical(titles), o)
	if err != nil {
		return nil, err
	}
	flat, dim, err := embedAll(ctx, ix.embedder, len(passages), func(i int) string { return embedText(passages[i], texts[i]) }, o.progress)
	if err != nil {
		return nil, err
	}
	clear(texts)
	if err := ix.addVectors(ctx, flat, dim, true); err != nil {
		return nil, err
	}
	return ix, nil
}

// newLexicalIndex builds BM25 over passages and assembles an index around
// it with no vectors yet.
func newLexicalIndex(passages []corpus.Passage, o options) (*Index, error) {
	texts, titles := indexTexts(passages)
	return newIndex(passages, NewLexical(texts), NewLexical(titles), o)
}

// indexTexts returns the passages' index texts and headings, made on all
// cores (removing reference markers is a regexp: 0.12 s at 100k on one).
func indexTexts(passages []corpus.Passage) (texts, titles []string) {
	texts = make([]string, len(passages))
	titles = make([]string, len(passages))
	_ = parallelChunks(context.Background(), len(passages), func(lo, hi int) error {
		for i := lo; i < hi; i++ {
			texts[i] = passages[i].IndexText()
			titles[i] = passages[i].Heading()
		}
		return nil
	})
	return texts, titles
}

// embedText is what is embedded for a passage: its document's title, then
// its text without reference markers. The title gives every passage the
// context of its document's subject: "It was first lit in 1874" in a
// document titled "Blackrock lighthouse" is about the lighthouse. (BM25
// keeps the title as a field of its own; see lexicalSearch.)
func embedText(p corpus.Passage, text string) string {
	h := p.Heading()
	if h == "" || strings.HasPrefix(text, h) {
		return text
	}
	return h + ".\n" + text
}

// newIndex assembles an Index around a lexical index and an empty collection.
func newIndex(passages []corpus.Passage, lex, titles *Lexical, o options) (*Index, error) {
	ix := &Index{
		passages:    passages,
		byID:        make(map[string]int, len(passages)),
		lex:         lex,
		titles:      titles,
		db:          chromem.NewDB(),
		fuse:        o.fusion,
		candidates:  o.candidates,
		attachments: map[string][]byte{},
		lexicon:     o.lexicon,
	}
	for i, p := range passages {
		if _, dup := ix.byID[p.ID]; dup {
			return nil, fmt.Errorf("duplicate passage id %q", p.ID)
		}
		ix.byID[p.ID] = i
	}
	if o.embedder != nil {
		ix.embedder = *o.embedder
	} else {
		ix.embedder = newLocalEmbedder(lex.IDF, o.lexicon)
	}
	for i := range shardCount(len(passages)) {
		coll, err := ix.db.CreateCollection(fmt.Sprintf("%s-%d", collectionName, i), nil, chromem.EmbeddingFunc(ix.embedder.Embed))
		if err != nil {
			return nil, fmt.Errorf("create collection: %w", err)
		}
		ix.shards = append(ix.shards, coll)
	}
	return ix, nil
}

// addVectors hands the vectors (in passage order, dim floats each) to
// chromem without copying them: its documents' embeddings point into vecs.
// Fresh vectors are normalised first; stored ones were when they were built.
// It adds them with AddDocument on all cores, each core a contiguous share;
// AddDocuments starts a goroutine per document, which BenchmarkFeedChromem
// measured slower.
func (ix *Index) addVectors(ctx context.Context, vecs []float32, dim int, fresh bool) error {
	if fresh {
		for i := range len(vecs) / dim {
			normalizeInPlace(vecs[i*dim : (i+1)*dim])
		}
	}
	n, shards := len(ix.passages), len(ix.shards)
	err := parallelChunks(ctx, n, func(lo, hi int) error {
		for i := lo; i < hi; i++ {
			doc := chromem.Document{ID: ix.passages[i].ID, Embedding: vecs[i*dim : (i+1)*dim : (i+1)*dim]}
			if err := ix.shards[i*shards/n].AddDocument(ctx, doc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store vectors: %w", err)
	}
	ix.vectors, ix.dim = vecs, dim
	return nil
}

// normalizeInPlace scales v to unit length (a zero vector stays zero), so
// that chromem, which normalises what is not, keeps v itself rather than
// a normalised copy.
func normalizeInPlace(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || math.Abs(math.Sqrt(sum)-1) < 1e-7 {
		return
	}
	inv := 1 / math.Sqrt(sum)
	for i, x := range v {
		v[i] = float32(float64(x) * inv)
	}
}

// embedAll embeds the n texts textOf(0..n-1) with the batch function when
// there is one, else one by one on all cores, and returns their vectors back
// to back in one array, with their dimension. Every vector must have the
// same dimension.
func embedAll(ctx context.Context, e Embedder, n int, textOf func(i int) string, progress func(done, total int)) ([]float32, int, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	if e.Batch != nil {
		texts := make([]string, n)
		for i := range texts {
			texts[i] = textOf(i)
		}
		vecs, err := e.Batch(ctx, texts)
		if err != nil {
			return nil, 0, fmt.Errorf("embed passages with %s: %w", e.ID, err)
		}
		if len(vecs) != n {
			return nil, 0, fmt.Errorf("embed passages with %s: got %d vectors for %d passages", e.ID, len(vecs), n)
		}
		progress(n, n)
		dim := len(vecs[0])
		flat := make([]float32, 0, dim*n)
		for i, v := range vecs {
			if len(v) != dim || dim == 0 {
				return nil, 0, fmt.Errorf("embed passages with %s: vector %d has %d dimensions, want %d", e.ID, i+1, len(v), dim)
			}
			flat = append(flat, v...)
			vecs[i] = nil
		}
		return flat, dim, nil
	}
	// The first vector gives the dimension; each then goes straight into
	// one flat array, so the build holds no second copy of the vectors.
	first, err := e.Embed(ctx, textOf(0))
	if err != nil {
		return nil, 0, fmt.Errorf("embed passage 1 with %s: %w", e.ID, err)
	}
	dim := len(first)
	if dim == 0 {
		return nil, 0, fmt.Errorf("embed passages with %s: empty vector", e.ID)
	}
	flat := make([]float32, dim*n)
	copy(flat, first)
	progress(1, n)
	err = parallel(ctx, n-1, func(i int) error {
		i++
		v, err := e.Embed(ctx, textOf(i))
		if err != nil {
			return fmt.Errorf("embed passage %d with %s: %w", i+1, e.ID, err)
		}
		if len(v) != dim {
			return fmt.Errorf("embed passages with %s: vector %d has %d dimensions, want %d", e.ID, i+1, len(v), dim)
		}
		copy(flat[i*dim:], v)
		return nil
	}, func(done, total int) { progress(done+1, total+1) })
	return flat, dim, err
}

// Attachment returns the stored data of the named attachment (see
// WithAttachment), or nil.
func (ix *Index) Attachment(name string) []byte { return ix.attachments[name] }

// Len is the number of indexed passages.
func (ix *Index) Len() int { return len(ix.passages) }

// Passages returns the indexed passages in corpus order. Callers must not
// modify the slice.
func (ix *Index) Passages() []corpus.Passage { return ix.passages }

// Passage returns the passage with the given id.
func (ix *Index) Passage(id string) (corpus.Passage, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return corpus.Passage{}, false
	}
	return ix.passages[i], true
}

// Lexical returns the BM25 index, whose IDF weights also serve answerers.
func (ix *Index) Lexical() *Lexical { return ix.lex }

// TermStats returns the corpus-wide term statistics a reader needs: those
// of the passages' text, where a term only a document title has ("BX-700"
// in "# Lumavo BX-700 bread maker") still counts as in the corpus.
func (ix *Index) TermStats() TermStats { return TermStats{ix.lex, ix.titles} }

// TermStats are the statistics of Index.TermStats.
type TermStats struct{ text, titles *Lexical }

// IDF is the passages' text's BM25 inverse document frequency of term.
func (s TermStats) IDF(term string) float64 { return s.text.IDF(term) }

// DocFreq is the number of passages whose text contains term or, when none
// does, whose title does.
func (s TermStats) DocFreq(term string) int {
	if df := s.text.DocFreq(term); df > 0 || s.titles == nil {
		return df
	}
	return s.titles.DocFreq(term)
}

// Len is the number of passages.
func (s TermStats) Len() int { return s.text.Len() }

// EmbedderID names the embedder whose vectors the index holds.
func (ix *Index) EmbedderID() string { return ix.embedder.ID }

// Search returns up to k passages for query, best first: the vector and
// BM25 rankings fused (see DefaultFusion). When the query cannot be embedded
// (a remote embedder fails or times out) and ctx is not done, it returns
// the BM25 ranking alone; SearchDetailed says when that happened.
func (ix *Index) Search(ctx context.Context, query string, k int) ([]Hit, error) {
	res, err := ix.SearchDetailed(ctx, query, k)
	return res.Hits, err
}

// SearchResult is what SearchDetailed found and how.
type SearchResult struct {
	Hits []Hit
	// LexicalOnly is set when the query could not be embedded and Hits
	// come from BM25 alone; Warning then says why, for the user, e.g.
	// "vector search skipped (embed query with openai:text-embedding-3-small:
	// … embedding request timed out …); results from keyword search only".
	LexicalOnly bool
	Warning     string
	// EmbedErr is the embedding error behind LexicalOnly.
	EmbedErr error
}

// SearchDetailed is Search that also reports whether it fell back to BM25
// alone. It fails only when ctx is done or the vector store fails.
func (ix *Index) SearchDetailed(ctx context.Context, query string, k int) (SearchResult, error) {
	if k <= 0 {
		return SearchResult{}, nil
	}
	var res SearchResult
	vec, err := ix.vectorSearch(ctx, query, max(k, ix.candidates))
	if err != nil {
		if !errors.Is(err, errEmbedQuery) || ctx.Err() != nil {
			return SearchResult{}, err
		}
		vec = nil
		res.LexicalOnly, res.EmbedErr = true, err
		res.Warning = "vector search skipped (" + err.Error() + "); results from keyword search only"
	}
	lex := ix.lexicalSearch(query, max(k, ix.candidates))
	res.Hits = ix.hits(ix.fuse(vec, lex), k)
	return res, nil
}

// hits turns the first k of a ranking into hits.
func (ix *Index) hits(ranked []scored, k int) []Hit {
	ranked = ranked[:min(k, len(ranked))]
	hits := make([]Hit, len(ranked))
	for i, s := range ranked {
		hits[i] = Hit{Passage: ix.passages[s.doc], Score: s.score}
	}
	return hits
}

// titleWeight is the weight of a match in a passage's document title next to
// a match in its text. Below 1, so that the passage that says it outranks its
// neighbours that merely share the document.
const titleWeight = 0.5

// lexicalSearch ranks passages by BM25 over their text plus, at titleWeight,
// over their document's title: "When was the Greystone lighthouse first
// lit?" finds "It was first lit in 1901." in the document of that title.
// In a single-document corpus every passage shares the title, whose IDF is
// then near zero, so the title changes nothing there. The query is expanded
// with related words (see LexiconUse).
func (ix *Index) lexicalSearch(query string, n int) []scored {
	q := expandQuery(analysis.Terms(query), ix.lexicon, ix.lex)
	return searchFields(q, n, field{ix.lex, 1}, field{ix.titles, titleWeight})
}

// VectorSearch is chromem's bare nearest-neighbour query over the same
// vectors, without the lexical side; benchmarks compare Search with it.
func (ix *Index) VectorSearch(ctx context.Context, query string, k int) ([]Hit, error) {
	res, err := ix.vectorSearch(ctx, query, k)
	if err != nil {
		return nil, err
	}
	return ix.hits(res, k), nil
}

func (ix *Index) vectorSearch(ctx context.Context, query string, k int) ([]scored, error) {
	k = min(k, len(ix.passages))
	if k == 0 {
		return nil, nil
	}
	q, err := ix.embedder.Embed(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%w with %s: %w", errEmbedQuery, ix.embedder.ID, err)
	}
	results := make([][]chromem.Result, len(ix.shards))
	errs := make([]error, len(ix.shards))
	var wg sync.WaitGroup
	for i, coll := range ix.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = coll.QueryEmbedding(ctx, q, min(k, coll.Count()), nil, nil)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("vector query: %w", err)
	}
	out := make([]scored, 0, k*len(ix.shards))
	for _, res := range results {
		for _, r := range res {
			if i, ok := ix.byID[r.ID]; ok {
				out = append(out, scored{doc: i, score: float64(r.Similarity)})
			}
		}
	}
	slices.SortFunc(out, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	return out[:min(k, len(out))], nil
}

// errEmbedQuery marks a failure to embed a query, after which a search can
// go on with BM25 alone.
var errEmbedQuery = errors.New("embed query")

// relevantSimilarity is the cosine similarity from which a passage that
// shares no term with a topic still counts as relevant to it (sub-word
// features: "Kazakh" for "Kazakhstan"). Measured on the built-in corpus,
// unrelated passages stay below 0.2 for one- and two-word topics.
const relevantSimilarity = 0.3

// Relevant returns the passages relevant to a topic, best first: those that
// contain one of its terms, and those whose vector is close to it. Unlike
// Search it has no fixed size; limit bounds it.
func (ix *Index) Relevant(ctx context.Context, topic string, limit int) ([]Hit, error) {
	if limit <= 0 {
		return nil, nil
	}
	vec, err := ix.vectorSearch(ctx, topic, limit)
	if err != nil && (!errors.Is(err, errEmbedQuery) || ctx.Err() != nil) {
		return nil, err
	}
	// A topic that cannot be embedded is matched by its words alone.
	close := vec[:0:0]
	for _, v := range vec {
		if v.score >= relevantSimilarity {
			close = append(close, v)
		}
	}
	lex := ix.lexicalSearch(topic, limit)
	return ix.hits(ix.fuse(close, lex), limit), nil
}
