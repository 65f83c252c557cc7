package retrieval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/gofrs/flock"
)

// UpdateStats says how an index was built from an earlier one: which
// documents changed and how many passages were embedded again.
type UpdateStats struct {
	// Incremental is set when the vectors of unchanged documents came from
	// an earlier index of the same chunking and embedder; otherwise every
	// passage was embedded.
	Incremental bool
	// Added, Changed and Removed count documents against the earlier index.
	Added, Changed, Removed int
	// Reembedded and Kept count passages: embedded now, or whose vectors
	// (and ids) were kept.
	Reembedded, Kept int
}

// Documents is how many documents were added, changed or removed.
func (u UpdateStats) Documents() int { return u.Added + u.Changed + u.Removed }

// prior holds the vectors of an earlier index by document, for a build to
// keep those of the documents that did not change.
type prior struct {
	dim  int
	docs map[string]priorDoc
	// passages is how many passages the earlier index had.
	passages int
	// lex and titles are its BM25 fields, when known: their postings are
	// renumbered rather than built again (see updateLexical).
	lex, titles *lexicalData
}

type priorDoc struct {
	hash  string
	first int       // the number of the document's first passage
	vecs  []float32 // the document's passages' vectors, dim floats each
}

// newPrior splits vecs (dim floats a passage, in passage order) by the
// documents that hold them; nil when they do not add up.
func newPrior(docs []DocumentSum, vecs []float32, dim int) *prior {
	if dim <= 0 || len(docs) == 0 {
		return nil
	}
	p := &prior{dim: dim, docs: make(map[string]priorDoc, len(docs))}
	off := 0
	for _, d := range docs {
		end := off + d.Passages*dim
		if d.Passages < 0 || end > len(vecs) {
			return nil
		}
		p.docs[d.Path] = priorDoc{hash: d.Hash, first: off / dim, vecs: vecs[off:end:end]}
		off = end
	}
	if off != len(vecs) {
		return nil
	}
	p.passages = off / dim
	return p
}

// withLexical adds the earlier index's BM25 fields to p when they fit it.
func (p *prior) withLexical(lex, titles *lexicalData) *prior {
	if p != nil && len(lex.DocLens) == p.passages && len(titles.DocLens) == p.passages {
		p.lex, p.titles = lex, titles
	}
	return p
}

// priorFromStore reads the stored index's vectors when the stored index
// used the chunking and the embedder of want, whatever its corpus; nil when
// there are none to keep or they are damaged (checksums decide).
func priorFromStore(dir string, want Manifest) *prior {
	m, err := ReadManifest(dir)
	if err != nil || m.FormatVersion != want.FormatVersion || m.ChunkingVersion != want.ChunkingVersion ||
		m.EmbedderID != want.EmbedderID || len(m.Documents) == 0 {
		return nil
	}
	data, err := readChecked(dir, vectorsFile, m)
	if err != nil {
		return nil
	}
	vecs, dim, err := decodeVectors(data)
	if err != nil || len(vecs) != dim*m.Passages {
		return nil
	}
	p := newPrior(m.Documents, vecs, dim)
	if lexBytes, err := readChecked(dir, lexicalFile, m); err == nil {
		fields, err := decodeLexical(lexBytes, 2)
		if err == nil && fields[0].check(m.Passages) == nil && fields[1].check(m.Passages) == nil {
			p = p.withLexical(&fields[0], &fields[1])
		}
	}
	return p
}

// priorFromIndex is the vectors of an index in memory, when it was opened
// (so its documents are known) with the embedder of want.
func priorFromIndex(ix *Index, want Manifest) *prior {
	if ix == nil || ix.docs == nil || ix.EmbedderID() != want.EmbedderID {
		return nil
	}
	return newPrior(ix.docs, ix.vectors, ix.dim).withLexical(&ix.lex.data, &ix.titles.data)
}

// documentSums lists c's documents with their hashes and passage counts.
// Passages follow their documents' order (corpus.New), so a document's
// passages are the next ones whose Source is its path.
func documentSums(c *corpus.Corpus, hashes []string) []DocumentSum {
	sums := make([]DocumentSum, len(c.Documents))
	i := 0
	for j, d := range c.Documents {
		sums[j] = DocumentSum{Path: d.Path, Hash: hashes[j]}
		for i < len(c.Passages) && c.Passages[i].Source == d.Path {
			sums[j].Passages++
			i++
		}
	}
	if i != len(c.Passages) {
		return nil // passages out of document order: no incremental builds
	}
	return sums
}

// errPriorDim marks fresh vectors whose dimension differs from the kept ones.
var errPriorDim = errors.New("the embedder's dimension changed")

// buildFrom builds the index of passages (whose documents are docs) keeping
// the vectors pr holds for documents whose hash is unchanged and embedding
// the rest. BM25 and the attachments are built whole: they are fast.
func buildFrom(ctx context.Context, passages []corpus.Passage, docs []DocumentSum, pr *prior, o options) (*Index, UpdateStats, error) {
	var st UpdateStats
	if pr == nil || docs == nil {
		ix, err := build(ctx, passages, o, func(ctx context.Context) (*Index, error) { return buildIndex(ctx, passages, o) })
		st.Reembedded = len(passages)
		return ix, st, err
	}
	st.Incremental = true
	ix, err := build(ctx, passages, o, func(ctx context.Context) (*Index, error) {
		dim := pr.dim
		flat := make([]float32, dim*len(passages))
		var fresh []int // passages to embed
		seen := make(map[string]bool, len(docs))
		// remap numbers the earlier index's passages in the new one (-1:
		// gone); inOrder stays true while kept passages keep their order.
		remap := make([]int32, pr.passages)
		for i := range remap {
			remap[i] = -1
		}
		inOrder, last := true, -1
		off := 0
		for _, d := range docs {
			seen[d.Path] = true
			old, ok := pr.docs[d.Path]
			switch {
			case ok && old.hash == d.Hash && len(old.vecs) == d.Passages*dim:
				copy(flat[off*dim:], old.vecs)
				st.Kept += d.Passages
				for j := range d.Passages {
					remap[old.first+j] = int32(off + j)
				}
				if d.Passages > 0 {
					inOrder = inOrder && old.first > last
					last = old.first + d.Passages - 1
				}
			default:
				if ok {
					st.Changed++
				} else {
					st.Added++
				}
				for i := off; i < off+d.Passages; i++ {
					fresh = append(fresh, i)
				}
			}
			off += d.Passages
		}
		for path := range pr.docs {
			if !seen[path] {
				st.Removed++
			}
		}
		st.Reembedded = len(fresh)
		var ix *Index
		var err error
		if pr.lex != nil && inOrder {
			text := func(i int) string { return passages[i].IndexText() }
			title := func(i int) string { return passages[i].Heading() }
			lex := updateLexical(pr.lex, remap, fresh, text, len(passages))
			titles := updateLexical(pr.titles, remap, fresh, title, len(passages))
			ix, err = newIndex(passages, newLexicalFrom(lex), newLexicalFrom(titles), o)
		} else {
			ix, err = newLexicalIndex(passages, o)
		}
		if err != nil {
			return nil, err
		}
		if len(fresh) > 0 {
			vecs, vdim, err := embedAll(ctx, ix.embedder, len(fresh), func(j int) string {
				p := passages[fresh[j]]
				return embedText(p, p.IndexText())
			}, o.progress)
			if err != nil {
				return nil, err
			}
			if vdim != dim {
				return nil, fmt.Errorf("%w (%d, was %d)", errPriorDim, vdim, dim)
			}
			for j, i := range fresh {
				v := vecs[j*dim : (j+1)*dim]
				normalizeInPlace(v)
				copy(flat[i*dim:], v)
			}
		}
		if err := ix.addVectors(ctx, flat, dim, false); err != nil {
			return nil, err
		}
		return ix, nil
	})
	return ix, st, err
}

// Update builds the index of c from old, an index opened earlier (by Open
// or Update) for an earlier state of the same corpus: only the passages of
// documents added or changed since are embedded; the others keep their
// vectors and ids. It then stores the new index under dataDir as Open does
// (lock, atomic replace, manifest last); when that fails the new index is
// returned with SaveErr set. old is not changed and stays usable, so
// searches can go on against it until the new one replaces it.
func Update(ctx context.Context, dataDir string, old *Index, c *corpus.Corpus, opts ...Option) (*Index, OpenReport, error) {
	start := time.Now()
	o := buildOptions(opts)
	dir := filepath.Join(dataDir, indexDirName(c.Name))
	rep := OpenReport{Dir: dir, Rebuilt: true, Reason: "corpus changed"}
	if len(c.Passages) == 0 {
		return nil, rep, ErrNoPassages
	}
	want := wantManifest(c, o)
	ix, st, err := buildFrom(ctx, c.Passages, want.Documents, priorFromIndex(old, want), o)
	if errors.Is(err, errPriorDim) {
		ix, st, err = buildFrom(ctx, c.Passages, want.Documents, nil, o)
	}
	if err != nil {
		return nil, rep, err
	}
	ix.docs = want.Documents
	rep.Update = st
	rep.SaveErr = saveLocked(dir, ix, want, o)
	rep.Duration = time.Since(start)
	return ix, rep, nil
}

// saveLocked stores ix in dir holding the index lock alone.
func saveLocked(dir string, ix *Index, want Manifest, o options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("index folder %s is not writable: %w", dir, err)
	}
	lock := flock.New(filepath.Join(dir, lockFile))
	if err := takeLock(lock.TryLock, lock.Lock, o.lockWait); err != nil {
		if cannotWrite(err) {
			return fmt.Errorf("index folder %s is not writable: %w", dir, err)
		}
		return fmt.Errorf("lock index in %s: %w", dir, err)
	}
	defer lock.Unlock()
	removeTemps(dir)
	return save(dir, ix, want)
}
