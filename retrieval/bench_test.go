package retrieval

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/philippgille/chromem-go"
)

// Benchmarks build their corpora from real English text: the doc comments
// of the Go standard library on this machine (GOROOT/src), one comment
// block a passage. Nothing large is committed.

var (
	goDocOnce   sync.Once
	goDocBlocks []string
)

func goDocComments(tb testing.TB) []string {
	goDocOnce.Do(func() {
		root := filepath.Join(runtime.GOROOT(), "src")
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() && d.Name() == "testdata" {
				return fs.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			f, err := os.Open(path)
			if err != nil {
				return nil
			}
			defer f.Close()
			var block []string
			flush := func() {
				if text := strings.Join(block, " "); len(text) >= 80 {
					goDocBlocks = append(goDocBlocks, text)
				}
				block = block[:0]
			}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				if rest, ok := strings.CutPrefix(line, "// "); ok {
					block = append(block, rest)
					continue
				}
				flush()
			}
			flush()
			return nil
		})
	})
	if len(goDocBlocks) < 1000 {
		tb.Skipf("only %d Go doc comments under GOROOT", len(goDocBlocks))
	}
	return goDocBlocks
}

// benchPassages returns n passages of real text; past the number of comment
// blocks, blocks are paired up so that every passage is distinct (the
// pairing shifts with each pass over the blocks, up to 1M passages and
// beyond).
func benchPassages(tb testing.TB, n int) []corpus.Passage {
	blocks := goDocComments(tb)
	ps := make([]corpus.Passage, n)
	for i := range ps {
		text := blocks[i%len(blocks)]
		if i >= len(blocks) {
			text += " " + blocks[(i*7919+(i/len(blocks)-1)*104729)%len(blocks)]
		}
		ps[i] = corpus.Passage{ID: fmt.Sprintf("go.txt#%d", i+1), Source: "go.txt", Text: text}
	}
	return ps
}

// million adds 1M passages to the benchmarks' sizes: go test -bench . -run
// '^$' ./retrieval -args -million (several minutes and a few GB).
var million = flag.Bool("million", false, "also benchmark 1M passages")

// benchSizes are the corpus sizes benchmarked: 1k, 10k and 100k passages
// (10k only with -short), and 1M with -million.
func benchSizes() []int {
	switch {
	case *million:
		return []int{1_000, 10_000, 100_000, 1_000_000}
	case testing.Short():
		return []int{1_000, 10_000}
	}
	return []int{1_000, 10_000, 100_000}
}

var benchQueries = []string{
	"how to parse a duration string",
	"close the connection when the context is cancelled",
	"returns an error if the buffer is too small",
	"UTF-8 encoding of a rune",
	"sort a slice in place",
	"read the whole file into memory",
	"goroutine scheduler preemption",
	"TLS handshake certificate verification",
}

var (
	benchIndexMu sync.Mutex
	benchIndexes = map[int]*Index{}
)

func benchIndex(b *testing.B, n int) *Index {
	benchIndexMu.Lock()
	defer benchIndexMu.Unlock()
	if ix, ok := benchIndexes[n]; ok {
		return ix
	}
	ix, err := Build(context.Background(), benchPassages(b, n))
	if err != nil {
		b.Fatal(err)
	}
	benchIndexes[n] = ix
	return ix
}

// BenchmarkBuild measures indexing: analysis, BM25, local embeddings and
// chromem inserts.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			ps := benchPassages(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(context.Background(), ps); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkQuery compares a hybrid search with chromem's bare vector query
// over the same vectors.
func BenchmarkQuery(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		ix := benchIndex(b, n)
		b.Run(fmt.Sprintf("passages=%d/hybrid", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.Search(ctx, benchQueries[i%len(benchQueries)], 5); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		b.Run(fmt.Sprintf("passages=%d/vector", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.VectorSearch(ctx, benchQueries[i%len(benchQueries)], 5); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		b.Run(fmt.Sprintf("passages=%d/lexical", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				ix.Lexical().Search(benchQueries[i%len(benchQueries)], 50)
				i++
			}
		})
	}
}

// BenchmarkLoadStored measures Open on an index already stored on disk.
func BenchmarkLoadStored(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			c := corpus.New("bench", nil)
			c.Passages = benchPassages(b, n)
			dir := b.TempDir()
			if _, _, err := Open(ctx, dir, c); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, rep, err := Open(ctx, dir, c); err != nil || rep.Rebuilt {
					b.Fatal(err, rep)
				}
			}
		})
	}
}

// BenchmarkFeedChromem compares ways to load stored vectors into chromem at
// open: its own gob import (ImportFromReader, the store's format until
// format 3), AddDocuments with the precomputed vectors (a goroutine per
// document), and addVectors (AddDocument on each core over a contiguous
// share, the vectors not copied), which the store uses. Each reads the
// bytes from memory; reading the file is measured by BenchmarkLoadStored.
func BenchmarkFeedChromem(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{10_000, 100_000} {
		ix := benchIndex(b, n)
		var gobFile bytes.Buffer
		if err := ix.db.ExportToWriter(&gobFile, false, ""); err != nil {
			b.Fatal(err)
		}
		flat := bytes.Join(encodeVectors(ix.vectors, ix.dim), nil)
		b.Run(fmt.Sprintf("passages=%d/import-gob", n), func(b *testing.B) {
			for b.Loop() {
				if err := chromem.NewDB().ImportFromReader(bytes.NewReader(gobFile.Bytes()), ""); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(gobFile.Len())/1e6, "MB")
		})
		b.Run(fmt.Sprintf("passages=%d/add-documents", n), func(b *testing.B) {
			defer b.ReportMetric(float64(len(flat))/1e6, "MB")
			for b.Loop() {
				vecs, dim, err := decodeVectors(flat)
				if err != nil {
					b.Fatal(err)
				}
				docs := make([]chromem.Document, n)
				for i, p := range ix.passages {
					docs[i] = chromem.Document{ID: p.ID, Embedding: vecs[i*dim : (i+1)*dim]}
				}
				coll, _ := chromem.NewDB().CreateCollection("p", nil, nil)
				if err := coll.AddDocuments(ctx, docs, runtime.GOMAXPROCS(0)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("passages=%d/add-vectors", n), func(b *testing.B) {
			defer b.ReportMetric(float64(len(flat))/1e6, "MB")
			for b.Loop() {
				vecs, dim, err := decodeVectors(flat)
				if err != nil {
					b.Fatal(err)
				}
				fresh, err := newIndex(ix.passages, ix.lex, ix.titles, buildOptions(nil))
				if err != nil {
					b.Fatal(err)
				}
				if err := fresh.addVectors(ctx, vecs, dim, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
