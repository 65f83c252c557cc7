package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gofrs/flock"
)

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// A process killed mid-save leaves temporary files; they are removed once no
// other process holds the lock, and files that are not ours stay.
func TestOpenRemovesTempFilesOfAKilledSave(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	_, rep, err := Open(ctx, data, testCorpus(""))
	if err != nil {
		t.Fatal(err)
	}
	ours := []string{".vectors.gob.tmp-123", ".manifest.json.tmp-456", ".attachment-events.bin.tmp-7", ".lexical.gob.tmp-8",
		"." + vectorsFile + ".tmp-1", "." + lexicalFile + ".tmp-2"}
	notOurs := []string{".notes.tmp-1", "vectors.gob.bak", ".vectors.gob.old", vectorsFile + ".bak"}
	for _, name := range append(append([]string{}, ours...), notOurs...) {
		touch(t, filepath.Join(rep.Dir, name))
	}

	// While another process holds the lock (here a reader), a temporary file
	// may be its own: leave them all.
	other := flock.New(filepath.Join(rep.Dir, lockFile))
	if err := other.RLock(); err != nil {
		t.Fatal(err)
	}
	if _, rep, err := Open(ctx, data, testCorpus("")); err != nil || rep.Rebuilt {
		t.Fatalf("open beside a reader: %+v %v", rep, err)
	}
	for _, name := range ours {
		if !exists(filepath.Join(rep.Dir, name)) {
			t.Fatalf("%s removed while another process held the lock", name)
		}
	}
	other.Unlock()

	if _, rep, err := Open(ctx, data, testCorpus("")); err != nil || rep.Rebuilt {
		t.Fatalf("open alone: %+v %v", rep, err)
	}
	for _, name := range ours {
		if exists(filepath.Join(rep.Dir, name)) {
			t.Errorf("%s was not removed", name)
		}
	}
	for _, name := range notOurs {
		if !exists(filepath.Join(rep.Dir, name)) {
			t.Errorf("%s is not ours but was removed", name)
		}
	}
}

// A save cut short leaves no manifest; the rebuild says so, unlike a first
// build.
func TestOpenReportsAnInterruptedSave(t *testing.T) {
	ctx := context.Background()
	steps := []struct {
		name   string
		before func(t *testing.T, dir string)
		reason string
	}{
		{"nothing stored", func(*testing.T, string) {}, "no stored index"},
		{"files but no manifest", func(t *testing.T, dir string) {
			built := t.TempDir()
			_, rep, err := Open(ctx, built, testCorpus(""))
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(filepath.Join(rep.Dir, vectorsFile))
			if err := os.WriteFile(filepath.Join(dir, vectorsFile), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ReasonInterrupted},
		{"only a temporary file", func(t *testing.T, dir string) { touch(t, filepath.Join(dir, ".vectors.gob.tmp-99")) }, ReasonInterrupted},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			data := t.TempDir()
			dir := filepath.Join(data, indexDirName(testCorpus("").Name))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			s.before(t, dir)
			_, rep, err := Open(ctx, data, testCorpus(""))
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Rebuilt || rep.Reason != s.reason || rep.SaveErr != nil {
				t.Fatalf("%+v, want reason %q", rep, s.reason)
			}
		})
	}
}

// When the rebuilt index cannot be stored it is still returned, with the
// reason it was not stored. The failure is made so that it holds for root
// too: the manifest's name is taken by a folder that cannot be removed.
func TestOpenAnswersFromMemoryWhenTheIndexCannotBeStored(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	dir := filepath.Join(data, indexDirName(testCorpus("").Name))
	if err := os.MkdirAll(filepath.Join(dir, manifestFile, "in-the-way"), 0o755); err != nil {
		t.Fatal(err)
	}
	ix, rep, err := Open(ctx, data, testCorpus(""))
	if err != nil {
		t.Fatalf("open failed instead of answering from memory: %v", err)
	}
	if !rep.Rebuilt || rep.SaveErr == nil {
		t.Fatalf("%+v", rep)
	}
	if hits, _ := ix.Search(ctx, "fake news", 1); len(hits) != 1 {
		t.Fatalf("in-memory index answers %v", hits)
	}
}

// readOnlyIndex builds the test corpus's index in a new data folder, then
// takes its lock file away and makes its folder read-only, as a folder the
// process may read but not write.
func readOnlyIndex(t *testing.T) (data string, ix *Index) {
	t.Helper()
	data = t.TempDir()
	ix, rep, err := Open(context.Background(), data, testCorpus(""))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(rep.Dir, lockFile)); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(rep.Dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(rep.Dir, 0o755) })
	return data, ix
}

// A valid index in a folder the process cannot write is opened without
// creating the lock file. Root ignores permissions, so this test skips as
// root; TestEndToEndReadOnlyDataFolder in cmd/citebot runs the binary as
// another user and covers it there.
func TestOpenReadOnlyIndexFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod does not stop root (TestEndToEndReadOnlyDataFolder covers this as another user)")
	}
	ctx := context.Background()
	data, _ := readOnlyIndex(t)
	if _, rep, err := Open(ctx, data, testCorpus("")); err != nil || rep.Rebuilt {
		t.Fatalf("valid read-only index: %+v %v", rep, err)
	}
	ix, rep, err := Open(ctx, data, testCorpus("\n\nA new paragraph."))
	if err != nil || !rep.Rebuilt || rep.Reason != "corpus changed" || !errors.Is(rep.SaveErr, os.ErrPermission) {
		t.Fatalf("stale read-only index: %+v %v", rep, err)
	}
	if hits, _ := ix.Search(ctx, "new paragraph", 1); len(hits) != 1 {
		t.Fatalf("in-memory index answers %v", hits)
	}
}

func TestUpdateReadOnlyIndexFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod does not stop root")
	}
	ctx := context.Background()
	data, old := readOnlyIndex(t)
	ix, rep, err := Update(ctx, data, old, testCorpus("\n\nA new paragraph."))
	if err != nil || !errors.Is(rep.SaveErr, os.ErrPermission) || rep.Update.Kept == 0 {
		t.Fatalf("update in a read-only folder: %+v %v", rep, err)
	}
	if hits, _ := ix.Search(ctx, "new paragraph", 1); len(hits) != 1 {
		t.Fatalf("in-memory index answers %v", hits)
	}
	// The stored index is the old one, whole.
	if _, rep, err := Open(ctx, data, testCorpus("")); err != nil || rep.Rebuilt {
		t.Fatalf("stored index after a failed save: %+v %v", rep, err)
	}
}
