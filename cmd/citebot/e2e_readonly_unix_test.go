//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the unprivileged user the binary runs as when the tests run as
// root (as in CI), so that file permissions bind it.
const nobody = 65534

// asUnprivileged returns how to prepare a command so that permissions bind
// it: nothing for an ordinary user; for root, run it as nobody, give it the
// folder writable and open the folders readable (and the binary's) to it.
func asUnprivileged(t *testing.T, writable string, readable ...string) func(*exec.Cmd) {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	if err := os.Chown(writable, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	for _, d := range append(append(readable, writable), filepath.Dir(citebotBinary(t))) {
		// t.TempDir makes 0700 folders, two levels deep.
		for _, p := range []string{filepath.Dir(d), d} {
			if err := os.Chmod(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	prepare := func(cmd *exec.Cmd) {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	cmd := exec.Command(citebotBinary(t), "--help")
	prepare(cmd)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("running as root and cannot run citebot as uid %d, so permissions cannot be tested: %v %s", nobody, err, out)
	}
	return prepare
}

// A valid index in a folder citebot may not write is used as it is; when the
// corpus has changed, questions are answered from the index rebuilt in
// memory with a warning that it could not be stored, and `index` fails.
func TestEndToEndReadOnlyDataFolder(t *testing.T) {
	docs, work, data := t.TempDir(), t.TempDir(), t.TempDir()
	writeDocs(t, docs, lighthouseDocs)
	prepare := asUnprivileged(t, data, docs, work)
	env := []string{"CITEBOT_CORPUS=" + docs, "CITEBOT_DATA=" + data}
	r := runCitebot(t, work, env, prepare, "index")
	if r.code != 0 {
		t.Fatalf("index: %+v", r)
	}
	dir := strings.TrimSpace(r.stdout[strings.Index(r.stdout, "stored in:")+len("stored in:"):])
	// No lock file to open, and no way to create one.
	if err := os.Remove(filepath.Join(dir, "index.lock")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{data, dir} {
		if err := os.Chmod(d, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(d, 0o755) })
	}

	r = runCitebot(t, work, env, prepare, "ask", "Who first lit the Blackrock lighthouse?")
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "Ada Moss") {
		t.Fatalf("ask with a valid read-only index: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.lock")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a lock file was created in the read-only folder: %v", err)
	}

	writeDocs(t, docs, map[string]string{"notes/ferry.txt": "Ferry notes\n\nThe ferry now leaves at 10 o'clock."})
	r = runCitebot(t, work, env, prepare, "ask", "When does the ferry leave?")
	if r.code != 0 || !strings.Contains(r.stdout, "10 o'clock") ||
		!strings.Contains(r.stderr, "rebuilt the index (corpus changed)") ||
		!strings.Contains(r.stderr, "citebot: warning: could not store the index (") {
		t.Fatalf("ask with a stale read-only index: %+v", r)
	}
	r = runCitebot(t, work, env, prepare, "index")
	if r.code != 1 || !strings.Contains(r.stderr, "the index was built but could not be stored") {
		t.Fatalf("index into a read-only folder: %+v", r)
	}
}

// On a full disk (here a file size limit, which binds root too) a stale
// index is rebuilt in memory and the question answered, with a warning.
func TestEndToEndFullDiskAnswersFromMemory(t *testing.T) {
	docs := t.TempDir()
	var text strings.Builder
	text.WriteString("Harbours\n\n")
	for i := range 60 {
		fmt.Fprintf(&text, "Harbour number %d has a keeper and a bell.\n\n", i)
	}
	writeDocs(t, docs, map[string]string{"harbours.txt": text.String() + "The ferry leaves at 9 o'clock."})
	env := []string{"CITEBOT_CORPUS=" + docs, "CITEBOT_DATA=" + t.TempDir()}
	if r := runCitebot(t, t.TempDir(), env, nil, "index"); r.code != 0 {
		t.Fatalf("index: %+v", r)
	}
	writeDocs(t, docs, map[string]string{"harbours.txt": text.String() + "The ferry leaves at 10 o'clock."})
	// Files over 4 KiB cannot be written (the vectors take about 26 KiB);
	// Go ignores SIGXFSZ, so the write fails with EFBIG as on a full disk.
	limited := func(cmd *exec.Cmd) {
		cmd.Args = append([]string{"sh", "-c", `ulimit -f 8 && exec "$0" "$@"`}, cmd.Args...)
		cmd.Path = "/bin/sh"
	}
	r := runCitebot(t, t.TempDir(), env, limited, "ask", "--json", "When does the ferry leave?")
	if r.code != 0 || !strings.Contains(r.stdout, "10 o'clock") ||
		!strings.Contains(r.stderr, "citebot: warning: could not store the index (") || !strings.Contains(r.stderr, "file too large") {
		t.Fatalf("%+v", r)
	}
}
