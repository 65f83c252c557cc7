package corpus

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Markdown is read by goldmark (CommonMark with GitHub tables). The parse
// gives the structure — headings, paragraphs, lists, tables, code blocks —
// and each passage's text is the source as written, so that lists keep
// their markers and tables their Markdown table text.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()

// markdownPassages chunks a Markdown document. warn receives what was wrong
// with it and what was done.
func markdownPassages(d Document, warn func(string)) []Passage {
	src := normalizeLineEnds(d.Text)
	fm, body, line0 := splitFrontMatter(src, warn)
	pageURL := d.URL
	if fm.URL != "" {
		pageURL = fm.URL
	}
	source := []byte(body)
	doc := markdownParser.Parse(text.NewReader(source))
	title := fm.Title
	if title == "" {
		title = firstMarkdownHeading(doc, source)
	}
	first := doc.FirstChild()
	if title == "" {
		// Without a heading, a short first line without a stop is the title,
		// as in plain text, and not a passage of its own.
		title = Document{Path: d.Path, Text: body}.plainTitle()
		if p, ok := first.(*ast.Paragraph); ok && isFirstLineTitle(segmentsText(p.Lines(), source)) {
			first = first.NextSibling()
		}
	}
	title = capTitle(title)
	b := newBuilder(d.Path, title, pageURL)
	slugs := slugger{}
	var badTables, wideRows problemLines
	for n := first; n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			h := inlineText(n, source)
			b.heading(n.Level, h, slugs.slug(h))
		case *ast.Paragraph:
			para := segmentsText(n.Lines(), source)
			if looksLikeTable(para) {
				badTables.add(source, n.Pos())
			}
			b.paragraph(para)
		case *east.Table:
			header, sep, rows := tableLines(n, source)
			if w := len(splitRow(header)); w > 0 {
				for _, r := range rows {
					if len(splitRow(r)) > w {
						wideRows.add(source, n.Pos())
						break
					}
				}
			}
			b.table(header, sep, rows)
		case *ast.List:
			whole := spanText(source, n.Pos(), nextPos(n, source))
			var items []string
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				items = append(items, spanText(source, it.Pos(), nextPos(it, source)))
			}
			b.list(whole, items)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			b.code(spanText(source, n.Pos(), nextPos(n, source)))
		case *ast.HTMLBlock:
			b.paragraph(htmlFragmentText(spanText(source, n.Pos(), nextPos(n, source))))
		case *ast.ThematicBreak:
		default: // block quotes and anything else: the text as written
			b.paragraph(spanText(source, n.Pos(), nextPos(n, source)))
		}
	}
	badTables.warn(warn, line0, "a table whose separator row does not match its header row; read as text")
	wideRows.warn(warn, line0, "a table row has more cells than its header; kept as written")
	return b.finish()
}

// problemLines gathers one kind of problem in a file into one warning: the
// first line it is on, and how many more there are.
type problemLines struct {
	first, more int
}

func (p *problemLines) add(source []byte, pos int) {
	if p.first == 0 {
		p.first = lineOf(source, pos)
	} else {
		p.more++
	}
}

func (p problemLines) warn(warn func(string), line0 int, what string) {
	switch {
	case p.first == 0:
	case p.more == 0:
		warn(fmt.Sprintf("line %d: %s", line0+p.first, what))
	default:
		warn(fmt.Sprintf("line %d (and %d more): %s", line0+p.first, p.more, what))
	}
}

// isFirstLineTitle reports whether a first paragraph is a plain title line.
func isFirstLineTitle(para string) bool {
	return strings.TrimSpace(para) != "" && isHeading(para, true)
}

// firstMarkdownHeading is the text of the document's first heading, of any level.
func firstMarkdownHeading(doc ast.Node, source []byte) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if t := strings.TrimSpace(inlineText(h, source)); t != "" {
				return t
			}
		}
	}
	return ""
}

// inlineText is the plain text of a heading: emphasis marks and link
// targets dropped, code spans kept.
func inlineText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// segmentsText joins a block's lines as written.
func segmentsText(lines *text.Segments, source []byte) string {
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(bytes.TrimRight(seg.Value(source), " \t\n"))
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String())
}

// nextPos is where the block after n starts: its next sibling's position,
// else the next sibling of the nearest ancestor that has one, else the end.
func nextPos(n ast.Node, source []byte) int {
	for ; n != nil; n = n.Parent() {
		for s := n.NextSibling(); s != nil; s = s.NextSibling() {
			if p := s.Pos(); p >= 0 {
				return p
			}
		}
	}
	return len(source)
}

// spanText is the source from the start of the line holding from up to the
// start of the line holding to, with trailing blank lines and spaces removed.
func spanText(source []byte, from, to int) string {
	if from < 0 || from > len(source) {
		return ""
	}
	to = min(max(to, from), len(source))
	start := bytes.LastIndexByte(source[:from], '\n') + 1
	end := bytes.LastIndexByte(source[:to], '\n') + 1
	if end <= start {
		end = to
	}
	return strings.TrimRight(string(source[start:end]), " \t\n")
}

// lineOf is the 1-based line number of offset pos.
func lineOf(source []byte, pos int) int {
	pos = min(max(pos, 0), len(source))
	return bytes.Count(source[:pos], []byte{'\n'}) + 1
}

// tableLines returns a table's header row, separator row and body rows as
// written.
func tableLines(t *east.Table, source []byte) (header, sep string, rows []string) {
	line := func(pos int) (string, int) {
		pos = min(max(pos, 0), len(source))
		start := bytes.LastIndexByte(source[:pos], '\n') + 1
		end := bytes.IndexByte(source[pos:], '\n')
		if end < 0 {
			end = len(source)
		} else {
			end += pos
		}
		return strings.TrimSpace(string(source[start:end])), end
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		l, end := line(r.Pos())
		if _, ok := r.(*east.TableHeader); ok {
			header = l
			sep, _ = line(min(end+1, len(source)))
			continue
		}
		rows = append(rows, l)
	}
	if sep == "" {
		sep = "|" + strings.Repeat("---|", max(1, len(splitRow(header))))
	}
	return header, sep, rows
}

// splitRow returns the cells of a table row ("| a | b |" has two).
func splitRow(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	row = strings.TrimSuffix(row, "|")
	if row == "" {
		return nil
	}
	var cells []string
	cur := strings.Builder{}
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// looksLikeTable reports whether a paragraph was meant as a table: two or
// more lines that start with "|", one of them a separator row.
func looksLikeTable(para string) bool {
	lines := strings.Split(para, "\n")
	if len(lines) < 2 {
		return false
	}
	sep := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "|") {
			return false
		}
		if strings.Trim(l, "|-: ") == "" && strings.Contains(l, "---") {
			sep = true
		}
	}
	return sep
}
