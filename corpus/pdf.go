package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// MaxPDFPages is the most pages read of one PDF; later pages are left out
// with a warning, so that one huge file cannot take the index's time and
// memory from every other document.
var MaxPDFPages = 2000

// pageBreak separates the pages of a PDF document's text.
const pageBreak = "\f"

// extractPDF reads the text layer of a PDF, page by page (pages separated
// by pageBreak, paragraphs by blank lines, words hyphenated at line ends
// joined again). It returns the title from the PDF's metadata, the text,
// warnings about what was left out, and — when the file cannot be used at
// all (encrypted, unreadable, no text layer) — the reason to skip it.
func extractPDF(data []byte) (title, text string, warns []string, skip string) {
	r, err := openPDF(data)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(strings.ToLower(msg), "encrypt") {
			return "", "", nil, "encrypted PDF (it needs a password, or uses encryption citebot cannot read)"
		}
		return "", "", nil, "not a readable PDF (" + msg + "; truncated or damaged?)"
	}
	title = pdfInfoTitle(r)
	pages, n, err := pdfPages(r, MaxPDFPages)
	if err != nil {
		return "", "", nil, "not a readable PDF (" + err.Error() + "; truncated or damaged?)"
	}
	if len(pages) == MaxPDFPages && n > len(pages) {
		warns = append(warns, fmt.Sprintf("%d pages; only the first %d were read", n, len(pages)))
	}
	var b strings.Builder
	var bad []int
	for i, p := range pages {
		page, err := pdfPageText(p)
		if err != nil {
			bad = append(bad, i+1)
		}
		if i > 0 {
			b.WriteString(pageBreak)
		}
		b.WriteString(page)
	}
	if len(bad) > 0 {
		warns = append(warns, fmt.Sprintf("%s could not be read and %s left out", pageList(bad), plural(len(bad), "was", "were")))
	}
	text = b.String()
	if strings.TrimSpace(strings.ReplaceAll(text, pageBreak, "")) == "" {
		return "", "", nil, "PDF without a text layer (scanned pages?); run it through OCR to index it"
	}
	return title, text, warns, ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func pageList(pages []int) string {
	if len(pages) == 1 {
		return "page " + strconv.Itoa(pages[0])
	}
	s := make([]string, 0, min(len(pages), 10))
	for _, p := range pages[:min(len(pages), 10)] {
		s = append(s, strconv.Itoa(p))
	}
	if len(pages) > 10 {
		s = append(s, "…")
	}
	return "pages " + strings.Join(s, ", ")
}

// The PDF library reports some damage by panicking; each call into it is
// guarded.
func openPDF(data []byte) (r *pdf.Reader, err error) {
	defer recoverPDF(&err)
	return pdf.NewReader(bytes.NewReader(data), int64(len(data)))
}

// pdfPages returns the first limit pages in order, and how many the page
// tree says there are. It walks the tree once: the library's Page(i) walks
// it from the root for every page, which makes reading a long PDF
// quadratic. A tree deeper than 64 levels (or a cycle) is damage.
func pdfPages(r *pdf.Reader, limit int) (pages []pdf.Page, total int, err error) {
	defer recoverPDF(&err)
	root := r.Trailer().Key("Root").Key("Pages")
	total = int(root.Key("Count").Int64())
	var walk func(node pdf.Value, depth int)
	walk = func(node pdf.Value, depth int) {
		if depth > 64 {
			panic("page tree too deep")
		}
		kids := node.Key("Kids")
		for i := 0; i < kids.Len() && len(pages) < limit; i++ {
			kid := kids.Index(i)
			switch kid.Key("Type").Name() {
			case "Pages":
				walk(kid, depth+1)
			case "Page":
				pages = append(pages, pdf.Page{V: kid})
			}
		}
	}
	walk(root, 0)
	return pages, max(total, len(pages)), nil
}

func pdfInfoTitle(r *pdf.Reader) (title string) {
	defer func() {
		if recover() != nil {
			title = ""
		}
	}()
	t := strings.Join(strings.Fields(r.Trailer().Key("Info").Key("Title").Text()), " ")
	if !utf8.ValidString(t) || strings.ContainsRune(t, utf8.RuneError) {
		return ""
	}
	return t
}

func recoverPDF(err *error) {
	if x := recover(); x != nil {
		*err = fmt.Errorf("%v", x)
	}
}

// pdfPageText lays out the glyphs of a page into lines and paragraphs.
func pdfPageText(p pdf.Page) (text string, err error) {
	defer recoverPDF(&err)
	if p.V.IsNull() {
		return "", nil
	}
	return layoutPage(pageGlyphs(p)), nil
}

// ligatures are typographic ligatures spelled out, so that "ﬁle" is "file".
var ligatures = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st")

// pdfLine is one line of glyphs on a page.
type pdfLine struct {
	text string
	y    float64
	size float64
}

// layoutPage joins glyphs (in content order) into lines — a new line where
// the baseline moves, a space where a gap is wider than a fifth of the font
// size — and lines into paragraphs, split where the gap between lines is
// clearly wider than the page's usual line spacing.
func layoutPage(glyphs []pdf.Text) string {
	var lines []pdfLine
	var cur strings.Builder
	var y, size, end float64
	started := false
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			lines = append(lines, pdfLine{text: s, y: y, size: size})
		}
		cur.Reset()
	}
	for _, g := range glyphs {
		if g.S == "" || g.S == "\n" || g.S == "\r" {
			continue
		}
		fs := math.Abs(g.FontSize)
		if fs < 0.5 {
			fs = 10
		}
		w := max(g.W, 0)
		switch {
		case !started:
			started = true
		case math.Abs(g.Y-y) > max(fs, size)*0.4 || g.X < end-3*fs:
			flush()
		case g.X-end > fs*0.2 && !strings.HasSuffix(cur.String(), " ") && g.S != " ":
			cur.WriteByte(' ')
		}
		if cur.Len() == 0 {
			y, size = g.Y, fs
		}
		cur.WriteString(g.S)
		end = g.X + w
	}
	flush()
	if len(lines) == 0 {
		return ""
	}
	// The usual spacing is the median gap between consecutive lines.
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		if d := lines[i-1].y - lines[i].y; d > 0 {
			gaps = append(gaps, d)
		}
	}
	usual := 0.0
	if len(gaps) > 0 {
		slices.Sort(gaps)
		usual = gaps[len(gaps)/2]
	}
	var paras []string
	para := lines[0].text
	for i := 1; i < len(lines); i++ {
		d := lines[i-1].y - lines[i].y
		if d <= 0 || usual > 0 && d > usual*1.4 || d > 2.2*lines[i-1].size {
			paras = append(paras, para)
			para = lines[i].text
			continue
		}
		para = joinPDFLines(para, lines[i].text)
	}
	paras = append(paras, para)
	var kept []string
	for _, p := range paras {
		if isPageNumber(p) {
			continue
		}
		kept = append(kept, p)
	}
	return cleanPDFText(ligatures.Replace(strings.Join(kept, "\n\n")))
}

// cleanPDFText makes extracted text valid UTF-8 without control characters
// (a font without an encoding gives its raw bytes) and without page breaks.
func cleanPDFText(s string) string {
	s = strings.ToValidUTF8(s, "\ufffd")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r < ' ' || r == 0x7f:
			return ' '
		}
		return r
	}, s)
}

// joinPDFLines joins two lines of a paragraph, repairing a word hyphenated
// at the line end ("recali-" + "bration") and dropping a soft hyphen.
func joinPDFLines(a, b string) string {
	if strings.HasSuffix(a, "\u00ad") {
		return strings.TrimSuffix(a, "\u00ad") + b
	}
	if strings.HasSuffix(a, "-") && !strings.HasSuffix(a, "--") {
		before, _ := utf8.DecodeLastRuneInString(a[:len(a)-1])
		after, _ := utf8.DecodeRuneInString(b)
		if unicode.IsLetter(before) && unicode.IsLower(after) {
			return a[:len(a)-1] + b
		}
	}
	return a + " " + b
}

// isPageNumber reports whether a paragraph is only a page number ("3",
// "- 3 -", "Page 3", "3 of 12").
func isPageNumber(p string) bool {
	f := strings.Fields(strings.ToLower(strings.Trim(p, "-–— ")))
	switch {
	case len(f) == 1:
		_, err := strconv.Atoi(f[0])
		return err == nil
	case len(f) == 2 && f[0] == "page":
		_, err := strconv.Atoi(f[1])
		return err == nil
	case len(f) == 3 && f[1] == "of":
		_, e1 := strconv.Atoi(f[0])
		_, e2 := strconv.Atoi(f[2])
		return e1 == nil && e2 == nil
	}
	return false
}

// pdfPassages chunks a PDF's extracted text: its paragraphs, page by page,
// with ids "<path>#p<page>.<n>".
func pdfPassages(d Document) []Passage {
	title := capTitle(d.MetaTitle)
	if title == "" {
		first, _, _ := strings.Cut(d.Text, pageBreak)
		title = Document{Path: d.Path, Text: first}.plainTitle()
	}
	var out []Passage
	for i, page := range strings.Split(normalizeLineEnds(d.Text), pageBreak) {
		n := 0
		link := ""
		if d.URL != "" {
			link = withFragment(d.URL, "page="+strconv.Itoa(i+1))
		}
		// A short line without a stop (a heading, a running header) is
		// read with the paragraph after it, so that it says what that is.
		var paras []string
		held := ""
		for _, para := range splitParagraphs(page) {
			if isFirstLineTitle(para) && len(held) < MaxPassageChars/4 {
				held = joinLines(held, para)
				continue
			}
			paras = append(paras, joinLines(held, para))
			held = ""
		}
		if held != "" {
			paras = append(paras, held)
		}
		for _, para := range paras {
			for _, piece := range splitLong(para, MaxPassageChars) {
				n++
				out = append(out, Passage{
					ID:     d.Path + "#p" + strconv.Itoa(i+1) + "." + strconv.Itoa(n),
					Source: d.Path,
					Title:  title,
					URL:    link,
					Page:   i + 1,
					Text:   piece,
				})
			}
		}
	}
	return out
}

// isPDF reports whether a path names a PDF file.
func isPDF(p string) bool { return strings.EqualFold(path.Ext(p), ".pdf") }
