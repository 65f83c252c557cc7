package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.md", "# B\n\nBee text.")
	write(t, dir, "a.txt", "\uFEFFA title\n\nAy text.")
	write(t, dir, "sub/c.TXT", "C\n\nSee text.")
	write(t, dir, "notes.pdf", "%PDF")
	write(t, dir, "bin.txt", "ab\x00cd")
	write(t, dir, "latin1.txt", "caf\xe9")
	write(t, dir, ".git/config.txt", "hidden")
	if err := os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	c, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range c.Documents {
		paths = append(paths, d.Path)
	}
	if strings.Join(paths, ",") != "a.txt,b.md,sub/c.TXT" {
		t.Fatalf("documents %q", paths)
	}
	if c.Documents[0].Title() != "A title" {
		t.Fatalf("BOM not removed: %q", c.Documents[0].Title())
	}
	skipped := map[string]string{}
	for _, s := range c.Skipped {
		skipped[s.Path] = s.Reason
	}
	want := map[string]string{
		"bin.txt":    "binary file (contains NUL bytes)",
		"latin1.txt": "not UTF-8 text",
		"notes.pdf":  "not a .txt or .md file",
		"link.txt":   "symbolic link not followed",
	}
	for p, reason := range want {
		if skipped[p] != reason {
			t.Errorf("skipped[%s] = %q, want %q", p, skipped[p], reason)
		}
	}
	if len(c.Skipped) != len(want) {
		t.Errorf("skipped %v", c.Skipped)
	}
	if c.Passages[0].ID != "a.txt#1" || c.Passages[2].ID != "sub/c.TXT#1" {
		t.Fatalf("ids %q %q", c.Passages[0].ID, c.Passages[2].ID)
	}
}

func TestLoadDirBadInput(t *testing.T) {
	empty := t.TempDir()
	onlyPDF := t.TempDir()
	write(t, onlyPDF, "x.pdf", "pdf")
	onlyBinary := t.TempDir()
	write(t, onlyBinary, "x.txt", "\x00\x01")
	file := filepath.Join(t.TempDir(), "file.txt")
	write(t, filepath.Dir(file), "file.txt", "text")
	tests := []struct {
		name, dir string
		is        error
		msg       string
	}{
		{"missing", filepath.Join(empty, "nope"), os.ErrNotExist, "nope"},
		{"empty", empty, ErrNoDocuments, empty},
		{"no txt or md", onlyPDF, ErrNoDocuments, onlyPDF},
		{"only unusable", onlyBinary, ErrNoDocuments, onlyBinary},
		{"a file", file, nil, "not a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadDir(tc.dir)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want it to name %q", err, tc.msg)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want %v", err, tc.is)
			}
		})
	}
}

func TestHashChanges(t *testing.T) {
	a := New("x", []Document{{Path: "a.txt", Text: "one"}})
	b := New("x", []Document{{Path: "a.txt", Text: "one"}})
	c := New("x", []Document{{Path: "a.txt", Text: "one!"}})
	d := New("x", []Document{{Path: "b.txt", Text: "one"}})
	if a.Hash() != b.Hash() || a.Hash() == c.Hash() || a.Hash() == d.Hash() {
		t.Fatal("hash must follow content and paths")
	}
}
