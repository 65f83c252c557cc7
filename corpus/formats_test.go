package corpus

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump renders passages for a golden file.
func dump(ps []Passage) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "=== %s\n", p.ID)
		fmt.Fprintf(&b, "title: %s\nsection: %s\nurl: %s\n", p.Title, p.Section, p.URL)
		if p.Page > 0 {
			fmt.Fprintf(&b, "page: %d\n", p.Page)
		}
		if p.Code {
			b.WriteString("code: true\n")
		}
		b.WriteString(p.Text + "\n")
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("passages differ from %s (go test -run %s -update rewrites it):\n%s", path, t.Name(), got)
	}
}

// A docs folder as teams keep it — a Markdown handbook with front matter,
// nested headings, a table, a list and a code block; an HTML page with
// navigation, a footer and a script; a plain-text note; a PDF report — and a
// citebot.toml that says where they are published.
func TestFormatsGolden(t *testing.T) {
	// report.pdf is made by testPDF; it is kept in testdata for the
	// end-to-end tests of cmd/citebot, and must stay what testPDF makes.
	pdfPath := filepath.Join("testdata", "formats", "report.pdf")
	if *update {
		if err := os.WriteFile(pdfPath, reportPDF(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if data, err := os.ReadFile(pdfPath); err != nil || string(data) != string(reportPDF()) {
		t.Fatalf("%s is not what reportPDF makes (go test -update rewrites it): %v", pdfPath, err)
	}
	c, err := LoadDir(filepath.Join("testdata", "formats"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Skipped) != 0 || len(c.Warnings) != 0 {
		t.Fatalf("skipped %v, warnings %v", c.Skipped, c.Warnings)
	}
	golden(t, "formats.golden", dump(c.Passages))
}

func passageWith(t *testing.T, ps []Passage, text string) Passage {
	t.Helper()
	for _, p := range ps {
		if strings.Contains(p.Text, text) {
			return p
		}
	}
	t.Fatalf("no passage has %q", text)
	return Passage{}
}

func TestMarkdownStructure(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "formats", "handbook.md"))
	if err != nil {
		t.Fatal(err)
	}
	d := Document{Path: "handbook.md", Text: string(data), URL: "https://docs.example.com/handbook"}
	ps := d.Passages()
	tests := []struct {
		name, has, section, url, prefix string
		code                            bool
	}{
		{"a paragraph before any heading", "field thermometers", "Instrument Handbook", "https://docs.example.com/handbook", "This handbook", false},
		{"a table with its header, under its section", "| TF-300 | 12 months |", "Instrument Handbook › Calibration intervals", "https://docs.example.com/handbook#calibration-intervals", "| Model | Calibration interval | Checked by |\n|-------|", false},
		{"a list with its lead-in and markers", "Tag it with a red label.", "Instrument Handbook › Calibration intervals › Overdue instruments", "https://docs.example.com/handbook#overdue-instruments", "An instrument past its interval must not be used:\n- Tag it", false},
		{"a code block, whole", "export-readings", "Instrument Handbook › Exporting readings", "https://docs.example.com/handbook#exporting-readings", "```sh\n# exported on 2023-11-05", true},
		{"a repeated heading's anchor", "same name", "Instrument Handbook › Calibration intervals", "https://docs.example.com/handbook#calibration-intervals-1", "A second", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := passageWith(t, ps, tc.has)
			if p.Section != tc.section || p.URL != tc.url || p.Code != tc.code || !strings.HasPrefix(p.Text, tc.prefix) {
				t.Errorf("got section %q url %q code %v text %q", p.Section, p.URL, p.Code, p.Text)
			}
		})
	}
	for _, p := range ps {
		if strings.Contains(p.Text, "tags:") || strings.Contains(p.Text, "title:") || strings.HasPrefix(p.Text, "#") {
			t.Errorf("front matter or a heading in passage text: %q", p.Text)
		}
		if p.Title != "Instrument Handbook" {
			t.Errorf("title %q", p.Title)
		}
	}
	if got := d.Title(); got != "Instrument Handbook" {
		t.Errorf("Title() = %q", got)
	}
}

func TestMarkdownFrontMatterURLWins(t *testing.T) {
	d := Document{Path: "a.md", URL: "https://base.example/a", Text: "---\nurl: https://elsewhere.example/page\ntitle: From front matter\n---\n# Heading\n\n## Part\n\nText."}
	ps := d.Passages()
	if len(ps) != 1 || ps[0].URL != "https://elsewhere.example/page#part" || ps[0].Section != "From front matter › Heading › Part" {
		t.Fatalf("%+v", ps)
	}
}

// Long tables and lists are split between rows and items; every part of a
// table repeats its header row and separator, so that each part reads as a
// table on its own.
func TestMarkdownLongTablesAndLists(t *testing.T) {
	var table, list, code strings.Builder
	table.WriteString("# T\n\n| Part | Note |\n|---|---|\n")
	list.WriteString("# L\n\n")
	code.WriteString("# C\n\n```\n")
	for i := range 200 {
		fmt.Fprintf(&table, "| P-%03d | a note about part number %d |\n", i, i)
		fmt.Fprintf(&list, "- item %d of a long list\n", i)
		fmt.Fprintf(&code, "line %d of a long code block\n", i)
	}
	code.WriteString("```\n")
	t.Run("table", func(t *testing.T) {
		ps := Document{Path: "t.md", Text: table.String()}.Passages()
		if len(ps) < 5 {
			t.Fatalf("%d passages", len(ps))
		}
		rows := 0
		for _, p := range ps {
			if !strings.HasPrefix(p.Text, "| Part | Note |\n|---|---|\n| P-") || len(p.Text) > MaxPassageChars {
				t.Fatalf("part %s (%d bytes): %q", p.ID, len(p.Text), p.Text)
			}
			rows += strings.Count(p.Text, "| P-")
		}
		if rows != 200 {
			t.Fatalf("%d rows in the parts", rows)
		}
	})
	t.Run("list", func(t *testing.T) {
		ps := Document{Path: "l.md", Text: list.String()}.Passages()
		items := 0
		for _, p := range ps {
			if !strings.HasPrefix(p.Text, "- item ") || len(p.Text) > MaxPassageChars {
				t.Fatalf("part %s: %q", p.ID, p.Text)
			}
			items += strings.Count(p.Text, "- item ")
		}
		if len(ps) < 3 || items != 200 {
			t.Fatalf("%d parts, %d items", len(ps), items)
		}
	})
	t.Run("code is never split", func(t *testing.T) {
		ps := Document{Path: "c.md", Text: code.String()}.Passages()
		if len(ps) != 1 || !ps[0].Code || strings.Count(ps[0].Text, "\n") != 201 {
			t.Fatalf("%d passages", len(ps))
		}
	})
}

func TestHTMLStructure(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "formats", "site", "calibration.html"))
	if err != nil {
		t.Fatal(err)
	}
	var warns []string
	ps := htmlPassages(Document{Path: "site/calibration.html", Text: string(data), URL: "https://base.example/site/calibration.html"}, func(s string) { warns = append(warns, s) })
	if len(warns) != 0 {
		t.Fatalf("warnings %q", warns)
	}
	all := dump(ps)
	for _, dropped := range []string{"Search", "Home", "published", "font-family", "© 2024", "2024-05-01"} {
		if strings.Contains(all, dropped) {
			t.Errorf("%q (header, nav, script, style or footer) was read:\n%s", dropped, all)
		}
	}
	tests := []struct{ name, has, section, url, prefix string }{
		{"a paragraph under the title's own h1", "reference bath", "Calibration — Survey Docs", "https://docs.example.com/survey/calibration/", "The reference bath is kept"},
		{"a table as Markdown", "| Cold bath | 0.01 °C |", "Calibration — Survey Docs › Bath temperatures", "https://docs.example.com/survey/calibration/#bath-temperatures", "| Bath | Temperature |\n|---|---|\n"},
		{"a nested list with its lead-in", "1. Switch the bath on", "Calibration — Survey Docs › Steps", "https://docs.example.com/survey/calibration/#steps", "Before a calibration run:\n1. Switch the bath on an hour early.\n2. Clean the probe.\n  - Use the lint-free cloths."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := passageWith(t, ps, tc.has)
			if p.Section != tc.section || p.URL != tc.url || !strings.HasPrefix(p.Text, tc.prefix) {
				t.Errorf("got section %q url %q text %q", p.Section, p.URL, p.Text)
			}
		})
	}
	if p := passageWith(t, ps, "calibrate --bath"); !p.Code {
		t.Errorf("<pre> is not code: %+v", p)
	}
}

func TestHTMLContentChoice(t *testing.T) {
	tests := []struct{ name, page, want, not string }{
		{"main wins", "<body><p>outside</p><main><p>inside</p></main></body>", "inside", "outside"},
		{"articles without main", "<body><aside>ad</aside><article><p>one</p></article><article><p>two</p></article></body>", "one two", "ad"},
		{"body without either", "<body><p>text</p><script>x()</script></body>", "text", "x()"},
		{"hidden elements", "<body><p>seen</p><div hidden>unseen</div><span aria-hidden=true>icon</span></body>", "seen", "unseen icon"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var texts []string
			for _, p := range (Document{Path: "p.html", Text: tc.page}).Passages() {
				texts = append(texts, p.Text)
			}
			got := strings.Join(texts, " ")
			if got != tc.want || strings.Contains(got, tc.not) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHTMLCanonicalLink(t *testing.T) {
	tests := []struct{ name, link, base, want string }{
		{"absolute", "https://docs.example.com/a/", "", "https://docs.example.com/a/"},
		{"relative to the configured address", "../b/", "https://d.example/x/page.html", "https://d.example/b/"},
		{"relative without an address", "../b/", "", ""},
		{"not http", "javascript:alert(1)", "https://d.example/p.html", "https://d.example/p.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := `<head><link rel="canonical" href="` + tc.link + `"></head><body><p>Text.</p></body>`
			ps := Document{Path: "p.html", Text: page, URL: tc.base}.Passages()
			if len(ps) != 1 || ps[0].URL != tc.want {
				t.Fatalf("%+v, want url %q", ps, tc.want)
			}
		})
	}
}

// The heading that repeats the title is not repeated in section paths; a
// heading that only starts like it is.
func TestSectionPathsSkipTheTitleHeading(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"h1 is the title", "# Guide\n\n## Setup\n\nText.", "Guide › Setup"},
		{"front matter title repeated", "---\ntitle: Guide\n---\n# Guide\n\nText.", "Guide"},
		{"a longer word is a section", "---\ntitle: Guide\n---\n## Guidelines\n\nText.", "Guide › Guidelines"},
		{"the title carries more", "---\ntitle: Setup — Docs\n---\n# Setup\n\nText.", "Setup — Docs"},
		{"a second h1 is a section", "# Guide\n\n# Appendix\n\nText.", "Guide › Appendix"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := Document{Path: "g.md", Text: tc.doc}.Passages()
			if len(ps) != 1 || ps[0].Section != tc.want {
				t.Fatalf("%+v, want section %q", ps, tc.want)
			}
		})
	}
}

func TestSlugs(t *testing.T) {
	s := slugger{}
	for _, tc := range []struct{ heading, want string }{
		{"Calibration intervals", "calibration-intervals"},
		{"1.1 Standard hours", "11-standard-hours"},
		{"What's new in v2.0?", "whats-new-in-v20"},
		{"Calibration intervals", "calibration-intervals-1"},
		{"Calibration intervals", "calibration-intervals-2"},
		{"Über uns", "über-uns"},
		{"snake_case and-dashes", "snake_case-and-dashes"},
		{"!!!", ""},
	} {
		if got := s.slug(tc.heading); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.heading, got, tc.want)
		}
	}
}

func TestConfigPageURL(t *testing.T) {
	no := false
	tests := []struct {
		name string
		c    Config
		rel  string
		want string
	}{
		{"no base", Config{}, "a.md", ""},
		{"drops .md", Config{BaseURL: "https://docs.example.com/"}, "guide/setup.md", "https://docs.example.com/guide/setup"},
		{"base without slash", Config{BaseURL: "https://docs.example.com/v2"}, "setup.md", "https://docs.example.com/v2/setup"},
		{"index is the folder", Config{BaseURL: "https://docs.example.com/"}, "guide/index.md", "https://docs.example.com/guide/"},
		{"index kept when asked", Config{BaseURL: "https://d.example/", DropIndex: &no}, "guide/index.md", "https://d.example/guide/index"},
		{"html kept", Config{BaseURL: "https://d.example/"}, "site/page.html", "https://d.example/site/page.html"},
		{"own extensions", Config{BaseURL: "https://d.example/", DropExtensions: []string{"html"}}, "site/page.html", "https://d.example/site/page"},
		{"spaces escaped", Config{BaseURL: "https://d.example/"}, "my notes.txt", "https://d.example/my%20notes.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.PageURL(tc.rel); got != tc.want {
				t.Errorf("PageURL(%q) = %q, want %q", tc.rel, got, tc.want)
			}
		})
	}
}

func TestConfigFileProblems(t *testing.T) {
	tests := []struct{ name, toml, warning, url string }{
		{"fine", "base_url = \"https://d.example/\"\n", "", "https://d.example/a"},
		{"not TOML", "base_url = https://d.example/\n", "citebot.toml is not valid TOML", ""},
		{"not http", "base_url = \"ftp://d.example/\"\n", "is not an http(s) address", ""},
		{"unknown key", "base_url = \"https://d.example/\"\nbase_ulr = 1\n", "unknown setting base_ulr ignored", "https://d.example/a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "a.md", "# A\n\nText.")
			write(t, dir, ConfigFile, tc.toml)
			c, err := LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Skipped) != 0 || len(c.Documents) != 1 || c.Passages[0].URL != tc.url {
				t.Fatalf("skipped %v, url %q", c.Skipped, c.Passages[0].URL)
			}
			got := fmt.Sprint(c.Warnings)
			if tc.warning == "" && len(c.Warnings) != 0 || !strings.Contains(got, tc.warning) {
				t.Fatalf("warnings %s, want %q", got, tc.warning)
			}
		})
	}
}

// TestMarkdownCodeWithItsLeadIn: a paragraph that ends in a colon is kept
// with the code block after it, as prose (the timeline skips the fence);
// a longer lead-in, or a block without one, stands alone as code.
func TestMarkdownCodeWithItsLeadIn(t *testing.T) {
	text := "# Install\n\nInstall it with Homebrew:\n\n```sh\nbrew install quarlo\n```\n\nThen check it.\n\n```sh\nquarlo --version\n```\n"
	ps := Document{Path: "i.md", Text: text}.Passages()
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%v %s", p.Code, p.Text))
	}
	want := []string{"false Install it with Homebrew:\n```sh\nbrew install quarlo\n```", "false Then check it.", "true ```sh\nquarlo --version\n```"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("passages:\n got %q\nwant %q", got, want)
	}
	long := "# L\n\n" + strings.Repeat("x", MaxPassageChars/3-10) + ":\n\n```\n" + strings.Repeat("code\n", MaxPassageChars/5) + "```\n"
	ps = Document{Path: "l.md", Text: long}.Passages()
	if len(ps) != 2 || ps[0].Code || !ps[1].Code {
		t.Fatalf("a lead-in and a block too long together: %d passages", len(ps))
	}
}

// TestMarkdownLeadInIsNeverLost: a paragraph ending in a colon that leads
// into neither a list, a table nor a code block — a paragraph, a heading,
// the end of the file — is a passage of its own. (It used to wait for a
// list that never came, and was lost from the index.)
func TestMarkdownLeadInIsNeverLost(t *testing.T) {
	text := "# T\n\nThe quickest way is the install script:\n\nIt needs curl.\n\nRun these first:\n\n## Next\n\nBody.\n\nAt the end:\n"
	var got []string
	for _, p := range (Document{Path: "t.md", Text: text}).Passages() {
		got = append(got, p.Text)
	}
	want := []string{"The quickest way is the install script:", "It needs curl.", "Run these first:", "Body.", "At the end:"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("passages:\n got %q\nwant %q", got, want)
	}
}
