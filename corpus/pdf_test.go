package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

func TestPDFPagesAndIDs(t *testing.T) {
	title, text, warns, skip := extractPDF(reportPDF())
	if skip != "" || len(warns) != 0 {
		t.Fatalf("skip %q, warnings %q", skip, warns)
	}
	if title != "Survey Report 2023" {
		t.Errorf("title %q", title)
	}
	ps := Document{Path: "r/report.pdf", Text: text, MetaTitle: title, URL: "https://d.example/r/report.pdf"}.Passages()
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%s p%d %s | %s", p.ID, p.Page, p.URL, p.Text))
	}
	want := []string{
		"r/report.pdf#p1.1 p1 https://d.example/r/report.pdf#page=1 | Survey Report 2023\nPrepared by the field team for the board.",
		"r/report.pdf#p2.1 p2 https://d.example/r/report.pdf#page=2 | Findings\nThe TF-300 thermometers drifted by 0.2 degrees between recalibrations, within the tolerance agreed in the contract.",
		"r/report.pdf#p3.1 p3 https://d.example/r/report.pdf#page=3 | Next steps\nNew probes will be ordered in May.",
	}
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Fatalf("got\n%s", strings.Join(got, "\n--\n"))
	}
}

func TestPDFLayout(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"lines of a paragraph join", []string{"one line", "and the next."}, "one line and the next."},
		{"a gap starts a paragraph", []string{"First.", "", "Second."}, "First.\n\nSecond."},
		{"hyphenation repaired", []string{"the recali-", "bration is due"}, "the recalibration is due"},
		{"a real hyphen before a capital kept", []string{"the TF-", "300 and Anglo-", "Saxon"}, "the TF- 300 and Anglo- Saxon"},
		{"page numbers left out", []string{"Text.", "", "12", "", "Page 3", "", "4 of 9"}, "Text."},
		{"control characters and page breaks", []string{"a\x00b\x0cc \xff"}, "a b c ÿ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, text, _, skip := extractPDF(testPDF("", "", tc.lines))
			if skip != "" || text != tc.want {
				t.Errorf("got %q (skip %q), want %q", text, skip, tc.want)
			}
		})
	}
}

// Glyphs laid out: a ligature is spelled out and a soft hyphen at a line
// end joins the word.
func TestPDFGlyphs(t *testing.T) {
	var glyphs []pdf.Text
	x := 72.0
	put := func(s string, y float64) {
		for _, r := range s {
			glyphs = append(glyphs, pdf.Text{Font: "CMR10", FontSize: 10, X: x, Y: y, W: 5, S: string(r)})
			x += 5
		}
	}
	put("a \ufb01le recali\u00ad", 700)
	x = 72
	put("bration", 688)
	got := layoutPage(glyphs)
	if want := "a file recalibration"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// A font with an encoding the library does not know gives its bytes as
// they are: the text stays valid UTF-8.
func TestPDFUnknownEncoding(t *testing.T) {
	data := buildTestPDF("t", "", "<< /Type /Font /Subtype /Type1 /BaseFont /X /Encoding /Unknown >>", "", []string{"caf\xe9 \xff"})
	_, text, _, skip := extractPDF(data)
	if skip != "" || text != "caf\ufffd \ufffd" {
		t.Fatalf("text %q, skip %q", text, skip)
	}
}

// A composite (Type0) font: two-byte codes, widths from its W array, text
// from its ToUnicode map.
func TestPDFCompositeFont(t *testing.T) {
	font := "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /ToUnicode EXTRA " +
		"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /DW 1000 /W [1 [500 500] 3 4 400] >>] >>"
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange " +
		"1 beginbfrange <0001> <001A> <0061> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"
	data := buildTestPDF("CID", "", font, cmap, []string{"%raw", "BT /F1 10 Tf 72 700 Td <00010002> Tj [<0003> -700 <0004>] TJ 0 -14 Td <0005> Tj ET"})
	_, text, warns, skip := extractPDF(data)
	if skip != "" || len(warns) != 0 || text != "abc d e" {
		t.Fatalf("text %q, skip %q, warnings %q", text, skip, warns)
	}
}

// A page tree that contains itself is damage, not an endless walk.
func TestPDFPageTreeCycle(t *testing.T) {
	data := reportPDF()
	cyclic := bytes.Replace(data, []byte("/Kids [5 0 R 7 0 R 9 0 R]"), []byte("/Kids [5 0 R 2 0 R 9 0 R]"), 1)
	if bytes.Equal(cyclic, data) {
		t.Fatal("the page tree was not changed")
	}
	_, _, _, skip := extractPDF(cyclic)
	if skip != "not a readable PDF (page tree too deep; truncated or damaged?)" {
		t.Fatalf("skip %q", skip)
	}
}

// A long PDF is read whole up to MaxPDFPages; past it, the rest is left out
// with a warning that says so.
func TestPDFLong(t *testing.T) {
	pages := make([][]string, 500)
	for i := range pages {
		pages[i] = []string{fmt.Sprintf("Page %d says the code is K%d.", i+1, i+1)}
	}
	data := testPDF("Long", "", pages...)
	_, text, warns, skip := extractPDF(data)
	if skip != "" || len(warns) != 0 || strings.Count(text, pageBreak) != 499 || !strings.Contains(text, "code is K500.") {
		t.Fatalf("skip %q, warnings %q, %d pages", skip, warns, strings.Count(text, pageBreak)+1)
	}
	defer func(n int) { MaxPDFPages = n }(MaxPDFPages)
	MaxPDFPages = 10
	_, text, warns, _ = extractPDF(testPDF("Long", "", pages[:30]...))
	if len(warns) != 1 || warns[0] != "30 pages; only the first 10 were read" || strings.Contains(text, "K11.") || !strings.Contains(text, "K10.") {
		t.Fatalf("warnings %q, %d pages", warns, strings.Count(text, pageBreak)+1)
	}
}

func FuzzExtractPDF(f *testing.F) {
	f.Add(reportPDF())
	f.Add(testPDF("t", encryptedTrailer, []string{"x"}))
	f.Add(testPDF("t", "", []string{"%raw", "BT /F1 11 Tf <zz> Tj ET"}))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, text, _, skip := extractPDF(data)
		if skip != "" {
			return
		}
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\x00\r") {
			t.Fatalf("text %q", text)
		}
		_ = Document{Path: "f.pdf", Text: text}.Passages()
	})
}

// A real PDF: pdfTeX output with TeX-encoded Type 1 fonts and object
// streams (see testdata/real/README.md).
func TestRealPDF(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "real", "libtasn1.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	title, text, warns, skip := extractPDF(data)
	if skip != "" || len(warns) != 0 {
		t.Fatalf("skip %q, warnings %q", skip, warns)
	}
	if pages := strings.Count(text, pageBreak) + 1; pages != 36 {
		t.Errorf("%d pages, want 36", pages)
	}
	for _, want := range []string{
		"Libtasn1 Abstract Syntax Notation One (ASN.1) library",
		"that contains ASN.1 declarations",     // "declara-" + "tions" on the page
		"Creates a file containing a C vector", // "contain-" + "ing", and the "fi" ligature
		"Permission is granted to copy, distribute and/or modify this document",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// TeX's encoding puts "Ω" where the library shows its newline.
	if strings.ContainsAny(text, "Ω\ufb01") {
		t.Errorf("stray glyphs in the text")
	}
	ps := Document{Path: "libtasn1.pdf", Text: text, MetaTitle: title}.Passages()
	if len(ps) < 100 || ps[len(ps)-1].Page != 36 {
		t.Errorf("%d passages, the last on page %d", len(ps), ps[len(ps)-1].Page)
	}
}
