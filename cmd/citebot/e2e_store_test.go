package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// result is what one run of the binary printed and how it exited.
type result struct {
	stdout, stderr string
	code           int
}

// runCitebot runs the binary in dir with env added to a clean CITEBOT_*
// environment; prepare, when not nil, adjusts the command first.
func runCitebot(t *testing.T, dir string, env []string, prepare func(*exec.Cmd), args ...string) result {
	t.Helper()
	cmd := exec.Command(citebotBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA="), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if prepare != nil {
		prepare(cmd)
	}
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("citebot %v: %v", args, err)
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}
}

// writeDocs writes files (name → text) under dir.
func writeDocs(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var lighthouseDocs = map[string]string{
	"guide.md":        "# Lighthouse guide\n\nThe Blackrock lighthouse was first lit in 1874 by keeper Ada Moss.",
	"notes/ferry.txt": "Ferry notes\n\nThe ferry to Blackrock leaves the harbour at 9 o'clock every Tuesday.",
}

// The same folder typed three ways, or reached through a link, is one corpus
// with one index: no spelling rebuilds what another built.
func TestEndToEndCorpusSpellingsShareOneIndex(t *testing.T) {
	work := t.TempDir()
	writeDocs(t, filepath.Join(work, "mycorpus"), lighthouseDocs)
	if err := os.Symlink("mycorpus", filepath.Join(work, "link")); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "data")
	r := runCitebot(t, work, nil, nil, "--corpus", "mycorpus", "--data", data, "index")
	if r.code != 0 || !strings.Contains(r.stdout, "built (no stored index)") {
		t.Fatalf("index: %+v", r)
	}
	for _, spelling := range []string{"./mycorpus/", filepath.Join(work, "mycorpus"), "mycorpus/../mycorpus", "link", filepath.Join(work, "link") + "/"} {
		r := runCitebot(t, work, nil, nil, "--corpus", spelling, "--data", data, "ask", "Who first lit the Blackrock lighthouse?")
		if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "Ada Moss") {
			t.Fatalf("--corpus %s: %+v", spelling, r)
		}
	}
	r = runCitebot(t, work, []string{"CITEBOT_CORPUS=" + filepath.Join(work, "link")}, nil, "--data", data, "index")
	if r.code != 0 || !strings.Contains(r.stdout, "up to date, loaded") {
		t.Fatalf("index through the link: %+v", r)
	}
	if entries, _ := filepath.Glob(filepath.Join(data, "index-*")); len(entries) != 1 {
		t.Fatalf("index folders %v, want one", entries)
	}
}

// Skipped files are reported when the index is built (by `index`, or by a
// question after the corpus changed), not on every question or timeline.
func TestEndToEndSkippedFilesAreReportedOnce(t *testing.T) {
	docs := t.TempDir()
	writeDocs(t, docs, lighthouseDocs)
	writeDocs(t, docs, map[string]string{"x.png": "\x89PNG"})
	env := []string{"CITEBOT_CORPUS=" + docs, "CITEBOT_DATA=" + filepath.Join(t.TempDir(), "data")}
	const warning = "citebot: warning: skipped x.png: not a .txt, .md, .html or .pdf file\n"
	steps := []struct {
		name    string
		change  map[string]string
		args    []string
		warning bool
	}{
		{"index builds", nil, []string{"index"}, true},
		{"ask", nil, []string{"ask", "Who first lit the lighthouse?"}, false},
		{"timeline", nil, []string{"timeline"}, false},
		{"ask after a change", map[string]string{"notes/ferry.txt": "Ferry notes\n\nThe ferry now leaves at 10 o'clock."}, []string{"ask", "When does the ferry leave?"}, true},
		{"ask again", nil, []string{"ask", "When does the ferry leave?"}, false},
		{"timeline after a change", map[string]string{"guide.md": "# Guide\n\nThe lighthouse was first lit in 1875."}, []string{"timeline"}, true},
		{"index loads", nil, []string{"index"}, true},
	}
	for _, s := range steps {
		writeDocs(t, docs, s.change)
		r := runCitebot(t, t.TempDir(), env, nil, s.args...)
		if r.code != 0 {
			t.Fatalf("%s: %+v", s.name, r)
		}
		want := 0
		if s.warning {
			want = 1
		}
		if got := strings.Count(r.stderr, warning); got != want {
			t.Fatalf("%s: the warning is printed %d times, want %d; stderr %q", s.name, got, want, r.stderr)
		}
	}
}

// A save killed before its manifest was written leaves temporary files and
// no manifest: the next run removes them and says why it rebuilds.
func TestEndToEndRebuildAfterAnInterruptedSave(t *testing.T) {
	docs := t.TempDir()
	writeDocs(t, docs, lighthouseDocs)
	env := []string{"CITEBOT_CORPUS=" + docs, "CITEBOT_DATA=" + filepath.Join(t.TempDir(), "data")}
	r := runCitebot(t, t.TempDir(), env, nil, "index")
	if r.code != 0 {
		t.Fatalf("index: %+v", r)
	}
	dir := strings.TrimSpace(r.stdout[strings.Index(r.stdout, "stored in:")+len("stored in:"):])
	if err := os.Remove(filepath.Join(dir, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(dir, ".vectors.gob.tmp-4242")
	if err := os.WriteFile(leftover, bytes.Repeat([]byte("v"), 1<<16), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCitebot(t, t.TempDir(), env, nil, "ask", "Who first lit the lighthouse?")
	if r.code != 0 || !strings.Contains(r.stderr, "citebot: rebuilt the index (no manifest: an earlier run may have been interrupted): 2 passages in") {
		t.Fatalf("%+v", r)
	}
	if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the temporary file of the interrupted save is still there: %v", err)
	}
	if r := runCitebot(t, t.TempDir(), env, nil, "ask", "Who first lit the lighthouse?"); r.stderr != "" {
		t.Fatalf("the rebuilt index was not stored: %q", r.stderr)
	}
}
