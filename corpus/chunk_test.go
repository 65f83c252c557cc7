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
	// para is too long to be short (shortParagraph), short enough not to
	// be split; short is a one-line paragraph of 150 bytes.
	para := strings.TrimSpace(strings.Repeat("This sentence is about forty characters. ", 12))
	short := strings.Repeat("x", 149) + "."
	seven := strings.TrimSuffix(strings.Repeat(short+"\n\n", 7), "\n\n")
	tests := []struct {
		name, text string
		want       []string
	}{
		{"paragraphs", "Title line\n\nFirst para.\n\nSecond para.\nstill second.", []string{"First para.", "Second para.\nstill second."}},
		{"markdown heading is the title", "# Heading\n\nBody text.\n\n## Sub\n\nMore.", []string{"Body text.", "More."}},
		{"first line with a stop is a passage", "A full sentence.\n\nNext.", []string{"A full sentence.", "Next."}},
		{"CRLF", "T\r\n\r\nOne.\r\n\r\nTwo.", []string{"One.", "Two."}},
		{"old-Mac lone CR", "T\r\rOne.\rstill one.\r\rTwo.", []string{"One.\nstill one.", "Two."}},
		// Too long for a title, such a line is kept, leading the passage
		// after it (see groupShort).
		{"long first line without a stop leads a passage", strings.Repeat("word ", 30) + "\n\nNext.", []string{strings.TrimSpace(strings.Repeat("word ", 30)) + "\n\nNext."}},
		{"long heading line leads a passage", "# " + strings.Repeat("word ", 30) + "\n\nNext.", []string{"# " + strings.TrimSpace(strings.Repeat("word ", 30)) + "\n\nNext."}},
		{"a declaration and its notes are one passage", "Package sort sorts.\n\nfunc Ints(x []int)\n\nInts sorts a slice of ints.\n\nNote: it calls slices.Sort.\n\nfunc Strings(x []string)\n\nStrings sorts strings.",
			[]string{"Package sort sorts.", "func Ints(x []int)\n\nInts sorts a slice of ints.\n\nNote: it calls slices.Sort.", "func Strings(x []string)\n\nStrings sorts strings."}},
		{"a question leads its answer", "T\n\nCan I cancel?\n\nYes, up to a day before.\n\nAnother thing.", []string{"Can I cancel?\n\nYes, up to a day before.\n\nAnother thing."}},
		{"short paragraphs without a lead stay apart", "T\n\nOne.\n\nTwo.\n\nThree.", []string{"One.", "Two.", "Three."}},
		{"a lead takes one long paragraph, not two", "T\n\nUsage\n\n" + para + "\n\n" + para, []string{"Usage\n\n" + para, para}},
		{"a short note joins after a long paragraph", "T\n\nUsage\n\n" + para + "\n\nNote: short.", []string{"Usage\n\n" + para + "\n\nNote: short."}},
		{"go doc: a declaration over its indented doc leads", "T\n\nfunc Ints(x []int)\n    Ints sorts a slice of ints.\n\n    Note: it calls slices.Sort.\n\n        code example\n\nfunc Strings(x []string)\n    Strings sorts strings.",
			[]string{"func Ints(x []int)\n    Ints sorts a slice of ints.\n\n    Note: it calls slices.Sort.\n\n        code example", "func Strings(x []string)\n    Strings sorts strings."}},
		{"go doc: a long indented paragraph joins its declaration", "T\n\nfunc F()\n    F does f.\n\n    " + para + "\n\n    " + para,
			[]string{"func F()\n    F does f.\n\n    " + para + "\n\n    " + para}},
		{"indented prose without a lead stays apart", "T\n\n    The town grew.\n\n    It had a port.", []string{"The town grew.", "It had a port."}},
		{"an unindented line under a lead is no doc", "T\n\nfunc F()\nF does f.\n\nNext.", []string{"func F()\nF does f.", "Next."}},
		{"a lead after a lead starts anew", "T\n\nfunc A()\n\nfunc B()\n\nB does b.", []string{"func A()", "func B()\n\nB does b."}},
		{"a group ends before it outgrows a passage", "T\n\nNotes\n\n" + strings.Repeat(short+"\n\n", 8) + "End.", []string{"Notes\n\n" + seven, short, "End."}},
		{"blank lines with spaces", "T\n \t \nOne.", []string{"One."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := Document{Path: "d.txt", Text: tc.text}.Passages()
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
	longLine := strings.Repeat("A long first line that is a sentence. ", 10)
	tests := []struct{ name, path, text, want string }{
		{"heading", "d.md", "\n\n# Hello world\nbody", "Hello world"},
		{"a later heading wins", "d.md", "First line\n# Later", "Later"},
		{"short first line", "d.txt", "Plain first line\nmore", "Plain first line"},
		{"empty", "", "", ""},
		{"first line at the cap", "d.txt", strings.Repeat("é", MaxTitleRunes) + "\nmore", strings.Repeat("é", MaxTitleRunes)},
		{"long first line: the file name", "notes/harbour-history.txt", longLine + "\n\nMore.", "harbour-history"},
		{"long single line: the file name", "one.txt", longLine, "one"},
		{"long heading cut at a word", "d.md", "# " + strings.Repeat("word ", 100), strings.TrimSpace(strings.Repeat("word ", 24)) + "…"},
		{"long heading without spaces cut at a rune", "d.md", "# " + strings.Repeat("ж", 500), strings.Repeat("ж", MaxTitleRunes) + "…"},
		{"lone CR line ends", "d.txt", "Mac title\rSecond line", "Mac title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := (Document{Path: tc.path, Text: tc.text}).Title(); got != tc.want {
				t.Errorf("Title(%.40q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// A document that is one long line (no newline at all) must not make that
// line every passage's title: each passage would carry a copy into what is
// indexed and embedded, a cost quadratic in the line's length.
func TestSingleLineDocumentTitlesAreShort(t *testing.T) {
	sentences := strings.Repeat("The keeper lit the lamp at dusk and logged the weather. ", 1<<20/56+1)
	noSpaces := strings.Repeat("abcdefghijklmnopqrstuvwxyzабвгд", 1<<20/36+1)
	for name, text := range map[string]string{"sentences": sentences, "no spaces": noSpaces, "heading": "# " + sentences} {
		t.Run(name, func(t *testing.T) {
			ps := Document{Path: "one.txt", Text: text}.Passages()
			if len(ps) < 1<<20/MaxPassageChars {
				t.Fatalf("%d passages from %d bytes", len(ps), len(text))
			}
			total := 0
			for _, p := range ps {
				if utf8.RuneCountInString(p.Title) > MaxTitleRunes+1 {
					t.Fatalf("passage %s has a title of %d bytes", p.ID, len(p.Title))
				}
				if len(p.Text) > MaxPassageChars || !utf8.ValidString(p.Text) {
					t.Fatalf("passage %s: %d bytes, valid UTF-8 %v", p.ID, len(p.Text), utf8.ValidString(p.Text))
				}
				total += len(p.Text)
			}
			if total < len(text)*9/10 {
				t.Fatalf("passages hold %d of %d bytes", total, len(text))
			}
		})
	}
}

func FuzzPassages(f *testing.F) {
	for _, s := range []string{"T\n\nA. B.\n\nC", "# H\n\n" + strings.Repeat("x. ", 700), "\r\n\r\n", "T\rA.\r\rB.", "# " + strings.Repeat("long heading ", 20), "[1]: 2 text", strings.Repeat("日本語", 600), "func F()\n    F does f.\n\n    Note: g.\n\n        code\n\nfunc G()"} {
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

func TestSourceOf(t *testing.T) {
	for id, want := range map[string]string{
		"notes/a.txt#3":     "notes/a.txt",
		"report.pdf#p2.1":   "report.pdf",
		"c#/odd#name.md#12": "c#/odd#name.md",
		"plain":             "plain",
	} {
		if got := SourceOf(id); got != want {
			t.Errorf("SourceOf(%q) = %q, want %q", id, got, want)
		}
	}
	// The ids the chunkers make lead back to their passage's source.
	for _, p := range (Document{Path: "dir/x#y.md", Text: "# T\n\nOne.\n\nTwo."}).Passages() {
		if SourceOf(p.ID) != p.Source {
			t.Errorf("SourceOf(%q) = %q, want %q", p.ID, SourceOf(p.ID), p.Source)
		}
	}
}
