package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
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
	write(t, dir, "image.png", "\x89PNG")
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
		"notes.pdf":  "not a readable PDF (not a PDF file: invalid header; truncated or damaged?)",
		"image.png":  "not a .txt, .md, .html or .pdf file",
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

// utf16File encodes text as UTF-16 with a byte order mark.
func utf16File(text string, bigEndian bool) string {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(text)) {
		put(u)
	}
	return string(b)
}

// Files saved by Windows editors ("Unicode" is UTF-16 with a mark) and by old
// Mac software (lone CR line ends) are read like any other text file.
func TestLoadDirEncodingsAndLineEnds(t *testing.T) {
	const text = "Harbour notes\r\n\r\nThe lamp was first lit in 1874 — 灯台.\r\n\r\nIt burned whale oil."
	want := []string{"The lamp was first lit in 1874 — 灯台.", "It burned whale oil."}
	tests := []struct {
		name, data string
		want       []string
		skipped    string
	}{
		{"UTF-16 LE with BOM", utf16File(text, false), want, ""},
		{"UTF-16 BE with BOM", utf16File(text, true), want, ""},
		{"UTF-16 LE with lone CR", utf16File(strings.ReplaceAll(text, "\r\n", "\r"), false), want, ""},
		{"UTF-8 with lone CR", strings.ReplaceAll(text, "\r\n", "\r"), want, ""},
		{"UTF-8 with BOM and CRLF", "\uFEFF" + text, want, ""},
		{"UTF-16 cut mid-character", utf16File(text, false)[:41], nil, "not UTF-16 text (odd number of bytes)"},
		{"UTF-16 without BOM is binary", utf16File(text, false)[2:], nil, "binary file (contains NUL bytes)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "notes.txt", tc.data)
			write(t, dir, "other.md", "Other.")
			c, err := LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if tc.skipped != "" {
				if len(c.Skipped) != 1 || c.Skipped[0].Reason != tc.skipped {
					t.Fatalf("skipped %v, want notes.txt: %s", c.Skipped, tc.skipped)
				}
				return
			}
			if len(c.Skipped) != 0 {
				t.Fatalf("skipped %v", c.Skipped)
			}
			var got []string
			for _, p := range c.Passages {
				if p.Source == "notes.txt" {
					got = append(got, p.Text)
					if p.Title != "Harbour notes" {
						t.Errorf("title %q", p.Title)
					}
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("passages %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDocumentHash(t *testing.T) {
	base := Document{Path: "a.md", Text: "Hello."}
	tests := []struct {
		name string
		doc  Document
	}{
		{"path", Document{Path: "b.md", Text: "Hello."}},
		{"text", Document{Path: "a.md", Text: "Hello!"}},
		{"url", Document{Path: "a.md", Text: "Hello.", URL: "https://x/a"}},
		{"meta title", Document{Path: "a.md", Text: "Hello.", MetaTitle: "A"}},
	}
	for _, tc := range tests {
		if tc.doc.Hash() == base.Hash() {
			t.Errorf("changing the %s keeps the hash", tc.name)
		}
	}
	if base.Hash() != (Document{Path: "a.md", Text: "Hello."}).Hash() {
		t.Error("equal documents hash differently")
	}
}
