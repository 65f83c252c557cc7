package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/corpus"
)

// openFolder opens an engine over a corpus folder holding files.
func openFolder(t *testing.T, files map[string]string) (*Engine, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), text)
	}
	c, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Open(context.Background(), t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	return e, c.Name
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func cites(res Result, source string) bool {
	for _, c := range res.Answer.Citations {
		if strings.HasPrefix(c.ID, source+"#") {
			return true
		}
	}
	return false
}

const lighthouse = "Lighthouses\n\nThe Greystone lighthouse was first lit in 1901.\n\nIts lamp burned paraffin until 1950."

func TestUpdateSwapsCorpus(t *testing.T) {
	ctx := context.Background()
	e, dir := openFolder(t, map[string]string{"a.txt": lighthouse, "b.txt": "Mills\n\nThe mill was built in 1820.", "d.txt": "Docks\n\nThe dock was dug in 1850.\n\nIt silted up by 1900."})
	before := e.Index()
	writeFile(t, filepath.Join(dir, "c.txt"), "Bridges\n\nThe Harrow bridge opened to traffic in 1932.")
	writeFile(t, filepath.Join(dir, "a.txt"), lighthouse+"\n\nIt was automated in 1988.")
	os.Remove(filepath.Join(dir, "b.txt"))
	c, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	u, err := e.Update(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(u.Added, []string{"c.txt"}) || !slices.Equal(u.Changed, []string{"a.txt"}) || !slices.Equal(u.Removed, []string{"b.txt"}) {
		t.Fatalf("update %+v", u)
	}
	// Only a.txt and c.txt are embedded; d.txt keeps its vectors.
	if st := u.Report.Update; !st.Incremental || st.Kept != 2 || st.Reembedded != 4 || st.Documents() != 3 {
		t.Fatalf("report %+v", st)
	}
	if e.Index() == before || e.Corpus() != c {
		t.Fatal("the engine still holds the old index")
	}
	res, err := e.Ask(ctx, Request{Question: "When did the Harrow bridge open?"})
	if err != nil || !cites(res, "c.txt") {
		t.Fatalf("added file not answered: %+v, %v", res.Answer, err)
	}
	// The old index is whole: a question that started before the swap
	// finishes on it.
	if _, ok := before.Passage("b.txt#1"); !ok {
		t.Fatal("the old index lost a passage")
	}
	// Nothing changed: nothing is done.
	if u, err := e.Update(ctx, c); err != nil || u.Any() || e.Corpus() != c {
		t.Fatalf("no-op update: %+v, %v", u, err)
	}
}

func TestWatchAnswersAddedFile(t *testing.T) {
	ctx := context.Background()
	e, dir := openFolder(t, map[string]string{"a.txt": lighthouse})
	updates := make(chan Update, 10)
	w, err := e.Watch(ctx, 50*time.Millisecond, func(u Update, err error) {
		if err != nil {
			t.Errorf("watch: %v", err)
			return
		}
		updates <- u
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	start := time.Now()
	// A file in a new subfolder.
	writeFile(t, filepath.Join(dir, "guides", "bridge.md"), "# Bridges\n\nThe Harrow bridge opened to traffic in 1932.")
	for {
		res, err := e.Ask(ctx, Request{Question: "When did the Harrow bridge open?"})
		if err != nil {
			t.Fatal(err)
		}
		if cites(res, "guides/bridge.md") {
			break
		}
		if time.Since(start) > 2*time.Second {
			t.Fatalf("the added file is not answered after %s: %+v", time.Since(start), res.Answer)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("answered from the added file after %s", time.Since(start).Round(time.Millisecond))
	u := <-updates
	if !slices.Equal(u.Added, []string{"guides/bridge.md"}) || u.Report.Update.Kept == 0 {
		t.Fatalf("update %+v", u)
	}
	// The new subfolder is watched too.
	writeFile(t, filepath.Join(dir, "guides", "mill.md"), "# Mills\n\nThe mill was built in 1820.")
	select {
	case u := <-updates:
		if !slices.Equal(u.Added, []string{"guides/mill.md"}) {
			t.Fatalf("update %+v", u)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a file added to the new subfolder was not seen")
	}
	// A removed file stops being cited.
	os.Remove(filepath.Join(dir, "guides", "bridge.md"))
	select {
	case u := <-updates:
		if !slices.Equal(u.Removed, []string{"guides/bridge.md"}) {
			t.Fatalf("update %+v", u)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the removal was not applied")
	}
	if _, ok := e.Index().Passage("guides/bridge.md#1"); ok {
		t.Fatal("a removed file's passage is still indexed")
	}
}

func TestWatchBuiltin(t *testing.T) {
	if _, err := openBuiltin(t).Watch(context.Background(), time.Millisecond, func(Update, error) {}); err != ErrNotAFolder {
		t.Fatalf("Watch(built-in) = %v", err)
	}
}

func TestHiddenUnder(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"/c/a.md", false},
		{"/c/guides/a.md", false},
		{"/c/.a.md.swp", true},
		{"/c/.git/index", true},
		{"/c/guides/.#a.md", true},
		{"/c", false},
	}
	for _, tc := range tests {
		if got := hiddenUnder("/c", tc.path); got != tc.want {
			t.Errorf("hiddenUnder(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// TestWatchUnderConstantChanges: a file written to all the time does not
// hold updates back for ever.
func TestWatchUnderConstantChanges(t *testing.T) {
	ctx := context.Background()
	e, dir := openFolder(t, map[string]string{"a.txt": lighthouse})
	updates := make(chan Update, 100)
	w, err := e.Watch(ctx, 40*time.Millisecond, func(u Update, err error) {
		if err == nil {
			updates <- u
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	deadline := time.Now().Add(1500 * time.Millisecond)
	for i := 0; time.Now().Before(deadline); i++ {
		writeFile(t, filepath.Join(dir, "log.txt"), fmt.Sprintf("Log\n\nEntry %d was written.", i))
		select {
		case <-updates:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("no update while a file kept changing")
}
