package corpus

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBuiltinPassages(t *testing.T) {
	c := Builtin()
	if c.Name != BuiltinName || len(c.Documents) != 1 {
		t.Fatalf("built-in corpus: %q with %d documents", c.Name, len(c.Documents))
	}
	ps := c.Passages
	if len(ps) < 25 {
		t.Fatalf("only %d passages", len(ps))
	}
	first := ps[0]
	if first.ID != "china-kazakhstan-relations.txt#1" || first.Source != "china-kazakhstan-relations.txt" || first.Title != "China–Kazakhstan relations" {
		t.Fatalf("first passage = %+v", first)
	}
	if !strings.HasPrefix(first.Text, "[5] However") {
		t.Fatalf("the displayed text must keep its markers: %q", first.Text)
	}
	if strings.HasPrefix(first.IndexText(), "[") {
		t.Fatalf("the indexed text must drop its markers: %q", first.IndexText())
	}
	for i, p := range ps {
		if want := fmt.Sprintf("china-kazakhstan-relations.txt#%d", i+1); p.ID != want {
			t.Fatalf("passage %d has id %q, want %q", i, p.ID, want)
		}
	}
}

func TestPassages(t *testing.T) {
	long := strings.Repeat("This sentence is about forty characters. ", 60)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"paragraphs", "Title line\n\nFirst para.\n\nSecond para.\nstill second.", []string{"First para.", "Second para.\nstill second."}},
		{"markdown heading is the title", "# Heading\n\nBody text.\n\n## Sub\n\nMore.", []string{"Body text.", "More."}},
		{"first line with a stop is a passage", "A full sentence.\n\nNext.", []string{"A full sentence.", "Next."}},
		{"CRLF", "T\r\n\r\nOne.\r\n\r\nTwo.", []string{"One.", "Two."}},
		{"blank lines with spaces", "T\n \t \nOne.", []string{"One."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := Document{Path: "d.md", Text: tc.text}.Passages()
			var got []string
			for _, p := range ps {
				got = append(got, p.Text)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("long paragraph split at sentence ends", func(t *testing.T) {
		ps := Document{Path: "d.txt", Text: "T\n\n" + long}.Passages()
		if len(ps) < 2 {
			t.Fatalf("got %d passages", len(ps))
		}
		for _, p := range ps {
			if len(p.Text) > MaxPassageChars || !strings.HasSuffix(p.Text, ".") {
				t.Fatalf("bad piece (%d chars): %q", len(p.Text), p.Text)
			}
		}
	})
	t.Run("one huge sentence cut at spaces", func(t *testing.T) {
		ps := Document{Path: "d.txt", Text: "T\n\n" + strings.Repeat("word ", 1000)}.Passages()
		for _, p := range ps {
			if len(p.Text) > MaxPassageChars {
				t.Fatalf("piece of %d chars", len(p.Text))
			}
		}
	})
}

func TestTitle(t *testing.T) {
	for text, want := range map[string]string{
		"\n\n# Hello world\nbody": "Hello world",
		"First line\n# Later":     "Later",
		"Plain first line\nmore":  "Plain first line",
		"":                        "",
	} {
		if got := (Document{Text: text}).Title(); got != want {
			t.Errorf("Title(%q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzPassages(f *testing.F) {
	for _, s := range []string{"T\n\nA. B.\n\nC", "# H\n\n" + strings.Repeat("x. ", 700), "\r\n\r\n", "[1]: 2 text", strings.Repeat("日本語", 600)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // LoadDir rejects non-UTF-8 files before chunking
		}
		ps := Document{Path: "f.txt", Text: text}.Passages()
		for i, p := range ps {
			if p.ID != fmt.Sprintf("f.txt#%d", i+1) {
				t.Fatalf("id %q at %d", p.ID, i)
			}
			if strings.TrimSpace(p.Text) == "" || len(p.Text) > MaxPassageChars || !utf8.ValidString(p.Text) {
				t.Fatalf("bad passage %q", p.Text)
			}
			_ = p.IndexText()
		}
	})
}
