package retrieval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/citebot/citebot/corpus"
)

func testCorpus(extra string) *corpus.Corpus {
	return corpus.New("test-corpus", []corpus.Document{
		{Path: "a.txt", Text: "A\n\nThe border treaty was signed in 1864.\n\nTrade grew along the railway." + extra},
		{Path: "b.md", Text: "# B\n\nPneumonia warnings were dismissed as fake news."},
	})
}

func countingAttachment(builds *int) Attachment {
	return Attachment{Name: "count", Version: "v1", Build: func(_ context.Context, ps []corpus.Passage) ([]byte, error) {
		*builds++
		return []byte(strings.Repeat("x", len(ps))), nil
	}}
}

func TestOpenReusesStoredIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	builds := 0
	att := WithAttachment(countingAttachment(&builds))
	ix, rep, err := Open(ctx, dir, testCorpus(""), att)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt || rep.Reason != "no stored index" || rep.Warning != "" {
		t.Fatalf("first open: %+v", rep)
	}
	want, _ := ix.Search(ctx, "border treaty", 3)

	ix2, rep, err := Open(ctx, dir, testCorpus(""), att)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rebuilt {
		t.Fatalf("second open rebuilt: %+v", rep)
	}
	if builds != 1 {
		t.Fatalf("attachment built %d times, want 1", builds)
	}
	if string(ix2.Attachment("count")) != "xxx" {
		t.Fatalf("attachment %q", ix2.Attachment("count"))
	}
	got, _ := ix2.Search(ctx, "border treaty", 3)
	if len(got) != len(want) || got[0].ID != want[0].ID || got[0].Score != want[0].Score {
		t.Fatalf("loaded index answers %v, built one %v", got, want)
	}
}

func TestOpenRebuildsWhenSomethingChanged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, _, err := Open(ctx, dir, testCorpus("")); err != nil {
		t.Fatal(err)
	}
	other := NewLocalEmbedder(func(string) float64 { return 1 })
	other.ID = "other-embedder"
	builds := 0
	steps := []struct {
		name   string
		c      *corpus.Corpus
		opts   []Option
		reason string
	}{
		{"corpus changed", testCorpus("\n\nA new paragraph."), nil, "corpus changed"},
		{"embedder changed", testCorpus("\n\nA new paragraph."), []Option{WithEmbedder(other)}, "embedder changed (" + LocalEmbedderID + " → other-embedder)"},
		{"attachment added", testCorpus("\n\nA new paragraph."), []Option{WithEmbedder(other), WithAttachment(countingAttachment(&builds))}, "derived data changed"},
	}
	for _, s := range steps {
		_, rep, err := Open(ctx, dir, s.c, s.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Rebuilt || rep.Reason != s.reason || rep.Warning != "" {
			t.Fatalf("%s: %+v", s.name, rep)
		}
	}
}

func TestOpenDetectsDamage(t *testing.T) {
	ctx := context.Background()
	damages := []struct {
		name   string
		damage func(dir string) error
		reason string
	}{
		{"truncated vectors", func(dir string) error {
			p := filepath.Join(dir, vectorsFile)
			fi, _ := os.Stat(p)
			return os.Truncate(p, fi.Size()/2)
		}, "stored index damaged"},
		{"corrupt vectors", func(dir string) error {
			p := filepath.Join(dir, vectorsFile)
			b, _ := os.ReadFile(p)
			b[len(b)/2] ^= 0xff
			return os.WriteFile(p, b, 0o644)
		}, "stored index damaged"},
		{"corrupt lexical", func(dir string) error {
			p := filepath.Join(dir, lexicalFile)
			b, _ := os.ReadFile(p)
			b[len(b)/2] ^= 0xff
			return os.WriteFile(p, b, 0o644)
		}, "stored index damaged"},
		{"missing file", func(dir string) error { return os.Remove(filepath.Join(dir, lexicalFile)) }, "stored index damaged"},
		{"garbage manifest", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, manifestFile), []byte("{not json"), 0o644)
		}, "stored index unreadable"},
		{"other format version", func(dir string) error {
			p := filepath.Join(dir, manifestFile)
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, []byte(strings.Replace(string(b), fmt.Sprintf(`"format_version": %d`, FormatVersion), `"format_version": 99`, 1)), 0o644)
		}, "index format changed"},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			data := t.TempDir()
			_, rep, err := Open(ctx, data, testCorpus(""))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.damage(rep.Dir); err != nil {
				t.Fatal(err)
			}
			ix, rep, err := Open(ctx, data, testCorpus(""))
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Rebuilt || rep.Reason != d.reason || rep.Warning == "" {
				t.Fatalf("after damage: %+v", rep)
			}
			if hits, _ := ix.Search(ctx, "fake news", 1); len(hits) != 1 || !strings.Contains(hits[0].Text, "fake news") {
				t.Fatalf("rebuilt index answers %v", hits)
			}
			if _, rep, _ := Open(ctx, data, testCorpus("")); rep.Rebuilt {
				t.Fatal("the rebuilt index was not stored")
			}
		})
	}
}

func TestOpenDataDirNotWritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Open(context.Background(), filepath.Join(file, "data"), testCorpus(""))
	if err == nil || !strings.Contains(err.Error(), "is not writable") {
		t.Fatalf("err = %v", err)
	}
}

func TestOpenConcurrently(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix, _, err := Open(ctx, dir, testCorpus(""))
			if err == nil {
				_, err = ix.Search(ctx, "border", 2)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, rep, err := Open(ctx, dir, testCorpus("")); err != nil || rep.Rebuilt {
		t.Fatalf("after concurrent opens: %+v %v", rep, err)
	}
}

func TestOpenEmptyCorpus(t *testing.T) {
	data := t.TempDir()
	_, _, err := Open(context.Background(), data, corpus.New("empty", nil))
	if err != ErrNoPassages {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(data); len(entries) != 0 {
		t.Fatal("an empty corpus wrote to the data folder")
	}
}
