package retrieval

import (
	"container/heap"
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/philippgille/chromem-go"
)

// BenchmarkVectorScan takes chromem's exhaustive query apart at 100k
// passages (see docs/scaling.md): chromem's QueryEmbedding over one
// collection, and over the same passages split over several collections
// queried at once (what the index does, see shardCount);
// and the parts of chromem's scan rebuilt outside it — the hand-off of
// every document through a channel (filterDocs, run even without a
// filter), a heap behind a lock taken for every document, and the dot
// products alone over the flat vectors, on one core and on all.
func BenchmarkVectorScan(b *testing.B) {
	ctx := context.Background()
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	ix := benchIndex(b, n)
	queries := make([][]float32, len(benchQueries))
	for i, q := range benchQueries {
		queries[i], _ = ix.embedder.Embed(ctx, q)
	}
	const k = 50
	for _, shards := range []int{1, 2, 4, 5, 8, 16} {
		colls := make([]*chromem.Collection, shards)
		db := chromem.NewDB()
		for h := range colls {
			colls[h], _ = db.CreateCollection(fmt.Sprint(h), nil, nil)
			for i := h * n / shards; i < (h+1)*n/shards; i++ {
				d := ix.dim
				_ = colls[h].AddDocument(ctx, chromem.Document{ID: ix.passages[i].ID, Embedding: ix.vectors[i*d : (i+1)*d]})
			}
		}
		b.Run(fmt.Sprintf("passages=%d/chromem-%d-collections", n, shards), func(b *testing.B) {
			i := 0
			for b.Loop() {
				var wg sync.WaitGroup
				for _, c := range colls {
					wg.Add(1)
					go func() {
						defer wg.Done()
						_, _ = c.QueryEmbedding(ctx, queries[i%len(queries)], k, nil, nil)
					}()
				}
				wg.Wait()
				i++
			}
		})
	}
	docs := map[string]*chromem.Document{}
	for i, p := range ix.passages {
		docs[p.ID] = &chromem.Document{ID: p.ID, Embedding: ix.vectors[i*ix.dim : (i+1)*ix.dim]}
	}
	b.Run(fmt.Sprintf("passages=%d/part-channel-hand-off", n), func(b *testing.B) {
		for b.Loop() {
			ch := make(chan *chromem.Document, 2*runtime.NumCPU())
			var mu sync.Mutex
			var wg sync.WaitGroup
			out := make([]*chromem.Document, 0, len(docs))
			for range runtime.NumCPU() {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for d := range ch {
						mu.Lock()
						out = append(out, d)
						mu.Unlock()
					}
				}()
			}
			for _, d := range docs {
				ch <- d
			}
			close(ch)
			wg.Wait()
		}
	})
	b.Run(fmt.Sprintf("passages=%d/part-locked-heap", n), func(b *testing.B) {
		sims := make([]float32, n)
		for i := range sims {
			sims[i] = float32((i*7919)%n) / float32(n)
		}
		for b.Loop() {
			var mu sync.Mutex
			h := make(minHeap, 0, k)
			for i, s := range sims {
				mu.Lock()
				if len(h) < k {
					heap.Push(&h, scored{i, float64(s)})
				} else if float64(s) > h[0].score {
					heap.Pop(&h)
					heap.Push(&h, scored{i, float64(s)})
				}
				mu.Unlock()
			}
		}
	})
	dot := func(q []float32, lo, hi int, sims []float32) {
		d := ix.dim
		for i := lo; i < hi; i++ {
			v := ix.vectors[i*d : (i+1)*d]
			var s float32
			for j := range v {
				s += q[j] * v[j]
			}
			sims[i] = s
		}
	}
	dot4 := func(q []float32, lo, hi int, sims []float32) {
		d := ix.dim
		for i := lo; i < hi; i++ {
			v := ix.vectors[i*d : (i+1)*d]
			var s0, s1, s2, s3 float32
			for j := 0; j+3 < len(v); j += 4 {
				s0 += q[j] * v[j]
				s1 += q[j+1] * v[j+1]
				s2 += q[j+2] * v[j+2]
				s3 += q[j+3] * v[j+3]
			}
			sims[i] = s0 + s1 + s2 + s3
		}
	}
	sims := make([]float32, n)
	b.Run(fmt.Sprintf("passages=%d/part-dot-products-4-sums-1-core", n), func(b *testing.B) {
		i := 0
		for b.Loop() {
			dot4(queries[i%len(queries)], 0, n, sims)
			i++
		}
	})
	// proposed is the scan the upstream proposal describes: vectors in one
	// slice, four running sums, a heap per goroutine merged at the end, no
	// hand-off and no lock per document.
	b.Run(fmt.Sprintf("passages=%d/proposed-scan-all-cores", n), func(b *testing.B) {
		i := 0
		for b.Loop() {
			q := queries[i%len(queries)]
			workers := runtime.GOMAXPROCS(0)
			heaps := make([]minHeap, workers)
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					lo, hi := n*w/workers, n*(w+1)/workers
					h := make(minHeap, 0, k)
					d := ix.dim
					for j := lo; j < hi; j++ {
						v := ix.vectors[j*d : (j+1)*d]
						var s0, s1, s2, s3 float32
						for x := 0; x+3 < d; x += 4 {
							s0 += q[x] * v[x]
							s1 += q[x+1] * v[x+1]
							s2 += q[x+2] * v[x+2]
							s3 += q[x+3] * v[x+3]
						}
						s := float64(s0 + s1 + s2 + s3)
						if len(h) < k {
							heap.Push(&h, scored{j, s})
						} else if s > h[0].score {
							h[0] = scored{j, s}
							heap.Fix(&h, 0)
						}
					}
					heaps[w] = h
				}()
			}
			wg.Wait()
			i++
		}
	})
	b.Run(fmt.Sprintf("passages=%d/part-dot-products-1-core", n), func(b *testing.B) {
		i := 0
		for b.Loop() {
			dot(queries[i%len(queries)], 0, n, sims)
			i++
		}
	})
	b.Run(fmt.Sprintf("passages=%d/part-dot-products-all-cores", n), func(b *testing.B) {
		i := 0
		for b.Loop() {
			_ = parallelChunks(ctx, n, func(lo, hi int) error { dot(queries[i%len(queries)], lo, hi, sims); return nil })
			i++
		}
	})
}
