package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// Bad input costs a warning that names the file and says what was done,
// never a crash and never another document.
func TestBadInput(t *testing.T) {
	report := reportPDF()
	tests := []struct {
		name, file string
		data       []byte
		// skipped is the reason the file is left out; warning, a part of
		// the warning about a file that is read all the same.
		skipped, warning string
		// has is text the file's passages still hold.
		has string
	}{
		{name: "a Markdown table whose separator does not match", file: "t.md",
			data:    []byte("# T\n\n| a | b |\n|---|\n| 1 | 2 |\n"),
			warning: "line 3: a table whose separator row does not match its header row; read as text", has: "| 1 | 2 |"},
		{name: "many malformed tables: one warning", file: "t.md",
			data:    []byte("# T\n\n" + strings.Repeat("| a | b |\n|---|\n| 1 | 2 |\n\n", 3)),
			warning: "line 3 (and 2 more): a table whose separator row does not match its header row; read as text", has: "| 1 | 2 |"},
		{name: "a Markdown table row with extra cells", file: "t.md",
			data:    []byte("# T\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"),
			warning: "line 3: a table row has more cells than its header; kept as written", has: "| 1 | 2 | 3 |"},
		{name: "front matter that is not YAML", file: "f.md",
			data:    []byte("---\ntitle: [unclosed\n---\n# Real title\n\nBody text.\n"),
			warning: "front matter is not valid YAML", has: "Body text."},
		{name: "HTML that is not well-formed", file: "p.html",
			data:    []byte("<html><body><div><p>Kept <b>bold</div></body></html>"),
			warning: "HTML is not well-formed (</div> at line 1 closes <b> of line 1); read as a browser would", has: "Kept bold"},
		{name: "HTML with a stray end tag", file: "p.html",
			data:    []byte("<body><p>Text</p></span></body>"),
			warning: "stray </span> at line 1", has: "Text"},
		{name: "HTML with an element never closed", file: "p.html",
			data:    []byte("<body>\n<div><p>Text\n"),
			warning: "<div> at line 2 is never closed", has: "Text"},
		{name: "a truncated PDF", file: "r.pdf", data: report[:len(report)/2],
			skipped: "not a readable PDF (not a PDF file: missing %%EOF; truncated or damaged?)"},
		{name: "an encrypted PDF", file: "r.pdf", data: testPDF("Secret", encryptedTrailer, []string{"Secret text."}),
			skipped: "encrypted PDF (it needs a password, or uses encryption citebot cannot read)"},
		{name: "a scanned PDF", file: "r.pdf", data: testPDF("Scan", "", []string{"%raw", "q 100 0 0 100 0 0 cm 0 0 m 1 1 l S Q"}),
			skipped: "PDF without a text layer (scanned pages?); run it through OCR to index it"},
		{name: "a PDF page that cannot be read", file: "r.pdf", data: testPDF("Half", "", []string{"Readable page."}, []string{"%raw", "BT /F1 11 Tf <zz> Tj ET"}),
			warning: "page 2 could not be read and was left out", has: "Readable page."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "good.txt", "Good\n\nThe good document survives.")
			write(t, dir, tc.file, string(tc.data))
			c, err := LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := c.Passage("good.txt#1"); !ok {
				t.Fatal("the good document was lost")
			}
			if tc.skipped != "" {
				if len(c.Skipped) != 1 || c.Skipped[0] != (Skipped{Path: tc.file, Reason: tc.skipped}) {
					t.Fatalf("skipped %v, want %s: %s", c.Skipped, tc.file, tc.skipped)
				}
				return
			}
			if len(c.Skipped) != 0 {
				t.Fatalf("skipped %v", c.Skipped)
			}
			if len(c.Warnings) != 1 || c.Warnings[0].Path != tc.file || !strings.Contains(c.Warnings[0].Message, tc.warning) {
				t.Fatalf("warnings %v, want %s: …%s…", c.Warnings, tc.file, tc.warning)
			}
			found := false
			for _, p := range c.Passages {
				found = found || p.Source == tc.file && strings.Contains(p.Text, tc.has)
			}
			if !found {
				t.Fatalf("no passage of %s has %q", tc.file, tc.has)
			}
		})
	}
}

// The timeline reads prose only: not a fenced or indented code block, not
// front matter, in Markdown and HTML alike.
func TestEventsSkipCodeAndFrontMatter(t *testing.T) {
	docs := []Document{
		{Path: "a.md", Text: "---\ndate: 2020-05-01\n---\n# A\n\nThe depot opened in 1998.\n\n```\nrun --since 2023-11-05\n```\n\n    indented: 12 March 2011\n\nIt closed in 2004.\n"},
		{Path: "b.html", Text: "<main><p>The bridge opened in 1932.</p><pre>deployed 1 June 2019</pre></main>"},
	}
	var got []string
	for _, e := range ExtractEvents(New("t", docs).Passages) {
		got = append(got, fmt.Sprintf("%d %s", e.Start.Year, e.PassageID))
	}
	want := "[1998 a.md#1 2004 a.md#4 1932 b.html#1]"
	if fmt.Sprint(got) != want {
		t.Fatalf("events %v, want %s", got, want)
	}
}

func FuzzMarkdownPassages(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\n# A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "- a\n  - b\n\n```\ncode\n", "> quote\n\n<div>html</div>\n\n    indented\n", "# \n## x\n---\n***\n[ref]: http://x\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range (Document{Path: "f.md", Text: text}).Passages() {
			if strings.TrimSpace(p.Text) == "" || !strings.HasPrefix(p.ID, "f.md#") {
				t.Fatalf("bad passage %+v", p)
			}
		}
	})
}

func FuzzHTMLPassages(f *testing.F) {
	for _, s := range []string{"<main><h2 id=x>H</h2><p>a<br>b</p><table><tr><td>1</td></tr></table></main>", "<ul><li>a<ol start=3><li>b</ol></ul>", "<p><b>unclosed", "</span>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range (Document{Path: "f.html", Text: text}).Passages() {
			if strings.TrimSpace(p.Text) == "" || !strings.HasPrefix(p.ID, "f.html#") {
				t.Fatalf("bad passage %+v", p)
			}
		}
	})
}
