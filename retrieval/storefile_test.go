package retrieval

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
)

// TestStoredIndexSearchesAsBuilt: the flat vector and postings files give
// back exactly the index that was built: same hits, same scores.
func TestStoredIndexSearchesAsBuilt(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	c := testCorpus("\n\nThe railway border crossing opened in 1990.\n\nCamels carried silk over the border.")
	built, rep, err := Open(ctx, data, c)
	if err != nil || !rep.Rebuilt {
		t.Fatal(err, rep)
	}
	loaded, rep, err := Open(ctx, data, c)
	if err != nil || rep.Rebuilt {
		t.Fatal(err, rep)
	}
	for _, q := range []string{"border treaty", "railway", "fake news pneumonia", "silk camels", "nothing matches zzz"} {
		want, err1 := built.Search(ctx, q, 4)
		got, err2 := loaded.Search(ctx, q, 4)
		if err1 != nil || err2 != nil || !slices.Equal(got, want) {
			t.Errorf("%q: stored %v (%v), built %v (%v)", q, got, err2, want, err1)
		}
		for _, term := range []string{"border", "railway", "zzz"} {
			if built.Lexical().IDF(term) != loaded.Lexical().IDF(term) {
				t.Errorf("IDF(%s) differs", term)
			}
		}
	}
	if !slices.Equal(built.vectors, loaded.vectors) || built.dim != loaded.dim {
		t.Error("stored vectors differ from built ones")
	}
}

// TestSaveRemovesLegacyFiles: the files of the gob format are removed when
// the index is stored in the flat one, not left to fill the disk.
func TestSaveRemovesLegacyFiles(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	_, rep, err := Open(ctx, data, testCorpus(""))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range legacyFiles {
		touch(t, filepath.Join(rep.Dir, name))
	}
	if _, rep, err = Open(ctx, data, testCorpus(" More.")); err != nil || !rep.Rebuilt {
		t.Fatal(err, rep)
	}
	for _, name := range legacyFiles {
		if _, err := os.Stat(filepath.Join(rep.Dir, name)); err == nil {
			t.Errorf("%s left behind", name)
		}
	}
}

// FuzzDecodeLexical: a lexical file whose checksum matches but whose
// content is inconsistent (a bug, another writer) is refused, never a
// panic, and what passes the checks can be searched.
func FuzzDecodeLexical(f *testing.F) {
	l := NewLexical([]string{"the border treaty", "railway border", "silk"})
	good := bytes.Join(encodeLexical(l.data, l.data), nil)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(lexicalMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		fields, err := decodeLexical(slices.Clone(data), 2)
		if err != nil {
			return
		}
		for _, d := range fields {
			if d.check(3) != nil {
				return
			}
		}
		for _, d := range fields {
			newLexicalFrom(d).Search("border railway silk", 3)
		}
	})
}

func TestDecodeVectorsRejectsMismatch(t *testing.T) {
	good := bytes.Join(encodeVectors([]float32{1, 0, 0, 1}, 2), nil)
	if v, dim, err := decodeVectors(slices.Clone(good)); err != nil || dim != 2 || !slices.Equal(v, []float32{1, 0, 0, 1}) {
		t.Fatalf("%v %d %v", v, dim, err)
	}
	for _, bad := range [][]byte{good[:len(good)-1], good[:8], append(slices.Clone(good), 0, 0, 0, 0), []byte("CBVEC002xxxxxxxx")} {
		if _, _, err := decodeVectors(bad); err == nil {
			t.Errorf("accepted %x", bad)
		}
	}
}

// TestShardedVectorSearch: passages spread over several chromem collections
// are ranked as one collection ranks them.
func TestShardedVectorSearch(t *testing.T) {
	ctx := context.Background()
	ps := benchPassages(t, 400)
	one, err := Build(ctx, ps)
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { shardMinPassages = n }(shardMinPassages)
	shardMinPassages = 100
	sharded, err := Build(ctx, ps)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.shards) != 1 || len(sharded.shards) < 2 {
		t.Fatalf("%d and %d collections", len(one.shards), len(sharded.shards))
	}
	for _, q := range benchQueries {
		want, err1 := one.VectorSearch(ctx, q, 20)
		got, err2 := sharded.VectorSearch(ctx, q, 20)
		if err1 != nil || err2 != nil || len(got) != 20 {
			t.Fatal(err1, err2, len(got))
		}
		for i := range got {
			if got[i].Score != want[i].Score {
				t.Fatalf("%q #%d: %s %.4f, want %s %.4f", q, i+1, got[i].ID, got[i].Score, want[i].ID, want[i].Score)
			}
		}
	}
}

// TestBuildRefusesMixedDimensions: vectors go into one flat array, so an
// embedder whose vectors change length is an error, not a misaligned index.
func TestBuildRefusesMixedDimensions(t *testing.T) {
	ragged := func(_ context.Context, text string) ([]float32, error) {
		v := make([]float32, 2+len(text)%2)
		v[0] = 1
		return v, nil
	}
	batch := func(ctx context.Context, texts []string) ([][]float32, error) {
		out := make([][]float32, len(texts))
		for i, s := range texts {
			out[i], _ = ragged(ctx, s)
		}
		return out, nil
	}
	ps := testCorpus("\n\nTwo.\n\nThree.").Passages
	for name, e := range map[string]Embedder{
		"one by one": {ID: "ragged", Embed: ragged},
		"batch":      {ID: "ragged", Embed: ragged, Batch: batch},
	} {
		if _, err := Build(context.Background(), ps, WithEmbedder(e)); err == nil || !strings.Contains(err.Error(), "dimensions") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestBuildAttachmentErrors: attachments are built beside BM25 and the
// vectors; an attachment's error fails the build, and an embedding error
// stops the attachment (its context is cancelled) before Build returns.
func TestBuildAttachmentErrors(t *testing.T) {
	ps := testCorpus("").Passages
	failing := Attachment{Name: "bad", Version: "v1", Build: func(context.Context, []corpus.Passage) ([]byte, error) {
		return nil, errors.New("no events today")
	}}
	if _, err := Build(context.Background(), ps, WithAttachment(failing)); err == nil || !strings.Contains(err.Error(), "build bad: no events today") {
		t.Fatalf("attachment error: %v", err)
	}
	stopped := false
	waiting := Attachment{Name: "slow", Version: "v1", Build: func(ctx context.Context, _ []corpus.Passage) ([]byte, error) {
		<-ctx.Done()
		stopped = true
		return nil, ctx.Err()
	}}
	broken := Embedder{ID: "broken", Embed: func(context.Context, string) ([]float32, error) { return nil, errors.New("model gone") }}
	if _, err := Build(context.Background(), ps, WithEmbedder(broken), WithAttachment(waiting)); err == nil || !strings.Contains(err.Error(), "model gone") {
		t.Fatalf("embed error: %v", err)
	}
	if !stopped {
		t.Fatal("Build returned before its attachment stopped")
	}
}
