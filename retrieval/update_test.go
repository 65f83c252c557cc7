package retrieval

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/citebot/citebot/corpus"
)

// countingEmbedder is a deterministic embedder that counts the texts it
// embeds.
func countingEmbedder(id string, calls *atomic.Int64) Embedder {
	local := NewLocalEmbedder(func(string) float64 { return 1 })
	return Embedder{ID: id, Embed: func(ctx context.Context, text string) ([]float32, error) {
		calls.Add(1)
		return local.Embed(ctx, text)
	}}
}

// hundredFiles is a corpus of 100 documents of three passages each (the first line is the title), with
// doc i's text changed by edits[i].
func hundredFiles(edits map[int]string) *corpus.Corpus {
	var docs []corpus.Document
	for i := range 100 {
		text := fmt.Sprintf("Station %d\n\nStation %d keeps %d lamps lit.\n\nIts keeper is named Keeper%d.\n\nIt was built in %d.", i, i, i*7, i, 1800+i)
		if e, ok := edits[i]; ok {
			if e == "" {
				continue // removed
			}
			text += e
		}
		docs = append(docs, corpus.Document{Path: fmt.Sprintf("doc%03d.txt", i), Text: text})
	}
	return corpus.New("hundred", docs)
}

func vectorOf(ix *Index, id string) []float32 {
	i := ix.byID[id]
	return ix.vectors[i*ix.dim : (i+1)*ix.dim]
}

func TestOpenReembedsOnlyChangedDocuments(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	var calls atomic.Int64
	emb := WithEmbedder(countingEmbedder("counting", &calls))
	ix, rep, err := Open(ctx, data, hundredFiles(nil), emb)
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 300 || rep.Update.Reembedded != 300 || rep.Update.Incremental {
		t.Fatalf("first build: %d embeddings, %+v", calls.Load(), rep.Update)
	}
	keptBefore := slices.Clone(vectorOf(ix, "doc010.txt#2"))

	// One of 100 files changed: only its passages are embedded again.
	calls.Store(0)
	ix, rep, err = Open(ctx, data, hundredFiles(map[int]string{42: " A new lamp."}), emb)
	if err != nil {
		t.Fatal(err)
	}
	wantUpd := UpdateStats{Incremental: true, Changed: 1, Reembedded: 3, Kept: 297}
	if calls.Load() != 3 || rep.Update != wantUpd || rep.Reason != "corpus changed" || rep.SaveErr != nil {
		t.Fatalf("one change: %d embeddings, %+v", calls.Load(), rep)
	}
	if !slices.Equal(vectorOf(ix, "doc010.txt#2"), keptBefore) {
		t.Fatal("an unchanged passage's vector changed")
	}
	if hits, _ := ix.Search(ctx, "a new lamp", 1); len(hits) == 0 || hits[0].ID != "doc042.txt#3" {
		t.Fatalf("the changed passage is not found: %v", hits)
	}

	// Added and removed documents.
	calls.Store(0)
	c := hundredFiles(map[int]string{42: " A new lamp.", 7: ""})
	c = corpus.New(c.Name, append(c.Documents, corpus.Document{Path: "new.txt", Text: "Zeta\n\nThe zeta light is new."}))
	ix, rep, err = Open(ctx, data, c, emb)
	if err != nil {
		t.Fatal(err)
	}
	wantUpd = UpdateStats{Incremental: true, Added: 1, Removed: 1, Reembedded: 1, Kept: 297}
	if calls.Load() != 1 || rep.Update != wantUpd || rep.Update.Documents() != 2 {
		t.Fatalf("add and remove: %d embeddings, %+v", calls.Load(), rep.Update)
	}
	if _, ok := ix.Passage("doc007.txt#1"); ok {
		t.Fatal("a removed document's passage is still indexed")
	}

	// The stored result loads as it is.
	calls.Store(0)
	if _, rep, err = Open(ctx, data, c, emb); err != nil || rep.Rebuilt || calls.Load() != 0 {
		t.Fatalf("reopen: %+v, %v, %d embeddings", rep, err, calls.Load())
	}

	// Another embedder embeds everything.
	var other atomic.Int64
	if _, rep, err = Open(ctx, data, c, WithEmbedder(countingEmbedder("other", &other))); err != nil || other.Load() != 298 || rep.Update.Incremental {
		t.Fatalf("embedder changed: %d embeddings, %+v, %v", other.Load(), rep, err)
	}
}

func TestOpenChunkingChangeReembedsAll(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	var calls atomic.Int64
	emb := WithEmbedder(countingEmbedder("counting", &calls))
	_, rep, err := Open(ctx, data, hundredFiles(nil), emb)
	if err != nil {
		t.Fatal(err)
	}
	// Make the stored index one of an older chunking.
	path := filepath.Join(rep.Dir, manifestFile)
	m, err := ReadManifest(rep.Dir)
	if err != nil {
		t.Fatal(err)
	}
	m.ChunkingVersion--
	js, _ := json.Marshal(m)
	if err := os.WriteFile(path, js, 0o644); err != nil {
		t.Fatal(err)
	}
	calls.Store(0)
	_, rep, err = Open(ctx, data, hundredFiles(nil), emb)
	if err != nil || rep.Reason != "chunking changed" || calls.Load() != 300 || rep.Update.Incremental {
		t.Fatalf("chunking changed: %d embeddings, %+v, %v", calls.Load(), rep, err)
	}
}

func TestUpdateKeepsUnchangedVectors(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	var calls atomic.Int64
	emb := WithEmbedder(countingEmbedder("counting", &calls))
	old, _, err := Open(ctx, data, hundredFiles(nil), emb)
	if err != nil {
		t.Fatal(err)
	}
	calls.Store(0)
	c := hundredFiles(map[int]string{99: " The lamp was replaced by a lighthouse lens."})
	ix, rep, err := Update(ctx, data, old, c, emb)
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 || rep.Update.Reembedded != 3 || rep.Update.Kept != 297 || rep.SaveErr != nil {
		t.Fatalf("update: %d embeddings, %+v", calls.Load(), rep)
	}
	// The old index is untouched and still answers.
	if hits, _ := old.Search(ctx, "lighthouse lens", 1); len(hits) == 0 || strings.Contains(hits[0].Text, "lens") {
		t.Fatalf("old index changed: %v", hits)
	}
	if hits, _ := ix.Search(ctx, "lighthouse lens", 1); len(hits) == 0 || hits[0].ID != "doc099.txt#3" {
		t.Fatalf("new index: %v", hits)
	}
	// It was stored: the next open loads it.
	calls.Store(0)
	if _, rep, err := Open(ctx, data, c, emb); err != nil || rep.Rebuilt || calls.Load() != 0 {
		t.Fatalf("reopen after update: %+v, %v", rep, err)
	}
	// A second update starts from the first's result.
	calls.Store(0)
	if _, rep, err := Update(ctx, data, ix, hundredFiles(nil), emb); err != nil || calls.Load() != 3 || rep.Update.Changed != 1 {
		t.Fatalf("second update: %d embeddings, %+v, %v", calls.Load(), rep, err)
	}
}

// benchCorpus spreads n benchmark passages over 100 documents; variant
// changes the text of document 50.
func benchCorpus(tb testing.TB, n int, variant int) *corpus.Corpus {
	ps := benchPassages(tb, n)
	c := &corpus.Corpus{Name: "bench-update"}
	per := n / 100
	for d := range 100 {
		path := fmt.Sprintf("doc%03d.txt", d)
		var text strings.Builder
		for i := d * per; i < (d+1)*per; i++ {
			ps[i].Source = path
			ps[i].ID = fmt.Sprintf("%s#%d", path, i-d*per+1)
			if d == 50 {
				ps[i].Text += fmt.Sprintf(" (revision %d)", variant)
			}
			text.WriteString(ps[i].Text + "\n\n")
		}
		c.Documents = append(c.Documents, corpus.Document{Path: path, Text: text.String()})
	}
	c.Passages = ps[:100*per]
	return c
}

// BenchmarkReindexOneChange measures re-indexing after one of 100 files
// changed: Open against the stored index (read, keep 99 files' vectors,
// rebuild BM25, embed one file's passages, store), and Update from the
// index in memory (as serve and chat do).
func BenchmarkReindexOneChange(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		cs := [2]*corpus.Corpus{benchCorpus(b, n, 0), benchCorpus(b, n, 1)}
		b.Run(fmt.Sprintf("passages=%d/open", n), func(b *testing.B) {
			dir := b.TempDir()
			if _, _, err := Open(ctx, dir, cs[0]); err != nil {
				b.Fatal(err)
			}
			i := 1
			for b.Loop() {
				_, rep, err := Open(ctx, dir, cs[i%2])
				if err != nil || rep.Update.Reembedded != n/100 {
					b.Fatal(err, rep)
				}
				i++
			}
		})
		b.Run(fmt.Sprintf("passages=%d/update", n), func(b *testing.B) {
			dir := b.TempDir()
			ix, _, err := Open(ctx, dir, cs[0])
			if err != nil {
				b.Fatal(err)
			}
			i := 1
			for b.Loop() {
				next, rep, err := Update(ctx, dir, ix, cs[i%2])
				if err != nil || rep.Update.Reembedded != n/100 {
					b.Fatal(err, rep)
				}
				ix = next
				i++
			}
		})
	}
}

// TestUpdateLexicalEqualsBuild checks that BM25 renumbered from an earlier
// index equals BM25 built whole, through Open and through Update, for
// changed, added and removed documents and terms that appear or vanish.
func TestUpdateLexicalEqualsBuild(t *testing.T) {
	ctx := context.Background()
	base := hundredFiles(nil)
	c := hundredFiles(map[int]string{42: " A brand-new zeppelin lamp.", 7: "", 99: " Keeper5 visits."})
	c = corpus.New(c.Name, append([]corpus.Document{{Path: "a-first.txt", Text: "First\n\nAn aardvark station [3] opened."}}, c.Documents...))
	check := func(how string, ix *Index) {
		t.Helper()
		texts, titles := indexTexts(c.Passages)
		if want := NewLexical(texts).data; !reflect.DeepEqual(ix.lex.data, want) {
			t.Errorf("%s: text postings differ from a whole build", how)
		}
		if want := NewLexical(titles).data; !reflect.DeepEqual(ix.titles.data, want) {
			t.Errorf("%s: title postings differ from a whole build", how)
		}
	}
	data := t.TempDir()
	old, _, err := Open(ctx, data, base)
	if err != nil {
		t.Fatal(err)
	}
	ix, rep, err := Update(ctx, t.TempDir(), old, c)
	if err != nil || rep.Update.Kept == 0 {
		t.Fatal(err, rep)
	}
	check("Update", ix)
	ix, rep, err = Open(ctx, data, c)
	if err != nil || rep.Update.Kept == 0 {
		t.Fatal(err, rep)
	}
	check("Open", ix)
}

// TestUpdateReorderedDocuments: documents kept but in another order (a
// corpus built in memory) cannot have their postings renumbered in place;
// BM25 is built whole and still equals a whole build.
func TestUpdateReorderedDocuments(t *testing.T) {
	ctx := context.Background()
	base := hundredFiles(nil)
	old, _, err := Open(ctx, t.TempDir(), base)
	if err != nil {
		t.Fatal(err)
	}
	docs := slices.Clone(base.Documents)
	slices.Reverse(docs)
	c := corpus.New(base.Name, docs)
	ix, rep, err := Update(ctx, t.TempDir(), old, c)
	if err != nil || rep.Update.Kept != 300 || rep.Update.Reembedded != 0 {
		t.Fatal(err, rep)
	}
	texts, _ := indexTexts(c.Passages)
	if !reflect.DeepEqual(ix.lex.data, NewLexical(texts).data) {
		t.Fatal("postings of reordered documents differ from a whole build")
	}
	if hits, _ := ix.Search(ctx, "Keeper42", 1); len(hits) == 0 || hits[0].ID != "doc042.txt#2" {
		t.Fatalf("search after reordering: %v", hits)
	}
}

// TestOpenEmbedderDimensionChanged: an embedder that keeps its name but
// changes its vectors' dimension gets everything embedded again.
func TestOpenEmbedderDimensionChanged(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	var calls atomic.Int64
	if _, _, err := Open(ctx, data, hundredFiles(nil), WithEmbedder(countingEmbedder("same", &calls))); err != nil {
		t.Fatal(err)
	}
	calls.Store(0)
	small := Embedder{ID: "same", Embed: func(context.Context, string) ([]float32, error) {
		calls.Add(1)
		return []float32{1, 0, 0, 0}, nil
	}}
	ix, rep, err := Open(ctx, data, hundredFiles(map[int]string{5: " Changed."}), WithEmbedder(small))
	// The changed file's 3 passages show the mismatch; then all 300.
	if err != nil || rep.Update.Incremental || calls.Load() != 303 || ix.dim != 4 {
		t.Fatalf("dimension changed: %d embeddings, %+v, %v", calls.Load(), rep, err)
	}
}
