package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/retrieval"
)

// Update is what Engine.Update did.
type Update struct {
	// Added, Changed and Removed are the documents' paths, sorted.
	Added, Changed, Removed []string
	// Report is the index's: passages re-embedded and kept, the time taken,
	// and SaveErr when the new index could not be stored (it is used all
	// the same). It is zero when no document changed.
	Report retrieval.OpenReport
	// Corpus is the corpus now answered from, with its skipped files and
	// warnings.
	Corpus *corpus.Corpus
}

// Any reports whether a document was added, changed or removed.
func (u Update) Any() bool { return len(u.Added)+len(u.Changed)+len(u.Removed) > 0 }

// Update replaces the engine's corpus with c, a newer state of the same
// corpus: only the passages of documents added or changed are embedded
// again (see retrieval.Update), the new index is stored, and then it
// replaces the old one at once. Questions asked meanwhile are answered from
// the old index; so are questions after a failed update. A corpus with no
// document changed leaves the engine as it is.
func (e *Engine) Update(ctx context.Context, c *corpus.Corpus) (Update, error) {
	e.updating.Lock()
	defer e.updating.Unlock()
	old := e.state()
	u := Update{Corpus: c}
	u.Added, u.Changed, u.Removed = diffDocuments(old.corpus, c)
	if !u.Any() {
		u.Corpus = old.corpus
		return u, nil
	}
	ix, rep, err := retrieval.Update(ctx, e.dataDir, old.index, c, e.opts.retrieval...)
	if err != nil {
		return u, fmt.Errorf("update the index: %w", err)
	}
	st, err := newState(c, ix, e.opts)
	if err != nil {
		return u, err
	}
	u.Report = rep
	e.cur.Store(st)
	return u, nil
}

// diffDocuments lists the documents of c that are not in old, that differ,
// and those of old no longer in c.
func diffDocuments(old, c *corpus.Corpus) (added, changed, removed []string) {
	before := make(map[string]string, len(old.Documents))
	for _, d := range old.Documents {
		before[d.Path] = d.Hash()
	}
	for _, d := range c.Documents {
		h, ok := before[d.Path]
		switch {
		case !ok:
			added = append(added, d.Path)
		case h != d.Hash():
			changed = append(changed, d.Path)
		}
		delete(before, d.Path)
	}
	removed = slices.Sorted(maps.Keys(before))
	return added, changed, removed
}
