package corpus

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/citebot/citebot/internal/analysis"
)

// ChunkingVersion changes whenever the way documents become passages changes,
// so that stored indexes built the old way are rebuilt.
//
// 2: titles are capped (MaxTitleRunes, else the file name); lone CR line ends.
// 3: Markdown by structure (sections, lists, tables, code blocks, front
// matter), HTML and PDF documents, links.
// 4: in plain text a short lead line (a declaration, a subheading, a
// question), alone or over its indented doc, and the short or indented
// paragraphs after it are one passage; hard-wrapped prose is split into
// sentences across its line breaks. In Markdown and HTML a lead-in ending
// in a colon is kept with the code block after it, and one that leads
// into nothing is a passage (it was lost).
const ChunkingVersion = 4

// MaxPassageChars is the length above which a paragraph is split at sentence ends.
const MaxPassageChars = 1200

// MaxTitleRunes is the longest a title can be. Every passage carries its
// document's title into what is indexed, so a title must stay short whatever
// the document's shape: a longer heading is cut at a word, and a longer first
// line is not a title at all.
const MaxTitleRunes = 120

// Document is one source file's text. Its format follows its extension:
// .md and .markdown are Markdown, .html and .htm HTML, .pdf the text
// extracted from a PDF (pages separated by form feeds), anything else plain
// text.
type Document struct {
	// Path is relative to the corpus root, slash-separated.
	Path string
	Text string
	// URL is the document's address from the corpus's citebot.toml, or "".
	// Front matter and canonical links take precedence.
	URL string
	// MetaTitle is the title the file's metadata gives (a PDF's), or "".
	MetaTitle string
}

// format is how a document is read.
type format int

const (
	formatText format = iota
	formatMarkdown
	formatHTML
	formatPDF
)

// formats maps the extensions citebot reads to their format.
var formats = map[string]format{
	".txt": formatText, ".md": formatMarkdown, ".markdown": formatMarkdown,
	".html": formatHTML, ".htm": formatHTML, ".pdf": formatPDF,
}

func formatOf(p string) format { return formats[strings.ToLower(path.Ext(p))] }

// Title returns the document's title: for Markdown its front matter title,
// else its first heading; for HTML its <title>, else its first <h1>; for a
// PDF its metadata title. Otherwise, and for plain text, its first Markdown
// heading, or else its first non-empty line when that is at most
// MaxTitleRunes long, or else its file name without the extension. Titles
// are cut to MaxTitleRunes.
func (d Document) Title() string {
	if formatOf(d.Path) == formatText {
		return d.plainTitle()
	}
	ps, _ := d.chunk()
	if len(ps) > 0 {
		return ps[0].Title
	}
	return d.plainTitle()
}

// plainTitle is a plain-text document's title.
func (d Document) plainTitle() string {
	first, firstSeen := "", false
	for line := range strings.Lines(normalizeLineEnds(d.Text)) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			return capTitle(strings.TrimSpace(strings.TrimLeft(line, "#")))
		}
		if !firstSeen {
			firstSeen = true
			if short(line, MaxTitleRunes) {
				first = line
			}
		}
	}
	if first != "" {
		return first
	}
	base := path.Base(d.Path)
	if d.Path == "" || base == "." || base == "/" {
		return ""
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// capTitle cuts a heading to at most MaxTitleRunes, at a space when there is
// one in its second half, and copies it so that the title does not keep the
// document's text alive.
func capTitle(s string) string {
	if short(s, MaxTitleRunes) {
		return strings.Clone(s)
	}
	cut, n := 0, 0
	for i := range s {
		if n == MaxTitleRunes {
			cut = i
			break
		}
		n++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

// short reports whether s has at most n runes, looking at no more than 4n+1
// bytes of it.
func short(s string, n int) bool {
	if len(s) <= n {
		return true
	}
	if len(s) > 4*n {
		return false
	}
	return utf8.RuneCountInString(s) <= n
}

// normalizeLineEnds turns CRLF and lone CR (old Mac) line ends into LF.
func normalizeLineEnds(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// Passages splits the document into passages (see Document for formats).
// Problems found on the way are left out; Corpus.Warnings has them.
func (d Document) Passages() []Passage {
	ps, _ := d.chunk()
	return ps
}

// chunk splits the document into passages and says what was wrong with it.
func (d Document) chunk() ([]Passage, []string) {
	var warns []string
	warn := func(s string) { warns = append(warns, s) }
	var ps []Passage
	switch formatOf(d.Path) {
	case formatMarkdown:
		ps = markdownPassages(d, warn)
	case formatHTML:
		ps = htmlPassages(d, warn)
	case formatPDF:
		ps = pdfPassages(d)
	default:
		ps = d.textPassages()
	}
	return ps, warns
}

// textPassages splits a plain-text document at blank lines. A paragraph
// that is only a heading (a Markdown "#" line, or the document's first line
// when it has no sentence punctuation), at most MaxTitleRunes long, is not a
// passage of its own: it is the title. Paragraphs over MaxPassageChars are
// split at sentence ends, and a sentence over it at spaces or, when it has
// none, at a rune boundary. The cost is linear in the text's length.
func (d Document) textPassages() []Passage {
	title := d.plainTitle()
	text := normalizeLineEnds(d.Text)
	var out []Passage
	var paras []string
	for i, para := range splitParagraphs(text) {
		if isHeading(para, i == 0) {
			continue
		}
		paras = append(paras, para)
	}
	for _, para := range groupShort(paras, MaxPassageChars) {
		for _, piece := range splitLong(para, MaxPassageChars) {
			out = append(out, Passage{
				ID:     fmt.Sprintf("%s#%d", d.Path, len(out)+1),
				Source: d.Path,
				Title:  title,
				URL:    d.URL,
				Text:   piece,
			})
		}
	}
	return out
}

func splitParagraphs(text string) []string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return paras
}

func isHeading(para string, first bool) bool {
	if strings.Contains(para, "\n") {
		return false
	}
	p := strings.TrimSpace(para)
	if !short(p, MaxTitleRunes) {
		return false
	}
	if strings.HasPrefix(p, "#") {
		return true
	}
	return first && !strings.ContainsAny(p[len(p)-1:], ".!?:;\"”)")
}

// splitLong packs whole sentences into pieces of at most max bytes; a single
// sentence longer than max is cut at spaces.
func splitLong(para string, max int) []string {
	para = strings.TrimSpace(para)
	if len(para) <= max {
		return []string{para}
	}
	var pieces []string
	var cur strings.Builder
	add := func(s string) {
		if cur.Len() > 0 && cur.Len()+1+len(s) > max {
			pieces = append(pieces, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(s)
	}
	for _, s := range analysis.Sentences(para) {
		for len(s) > max {
			cut := strings.LastIndexByte(s[:max], ' ')
			if cut <= 0 {
				cut = max
				for cut > 0 && !utf8.RuneStart(s[cut]) {
					cut--
				}
				if cut == 0 {
					cut = max
				}
			}
			add(strings.TrimSpace(s[:cut]))
			s = strings.TrimSpace(s[cut:])
		}
		if s != "" {
			add(s)
		}
	}
	if cur.Len() > 0 {
		pieces = append(pieces, cur.String())
	}
	return pieces
}

// shortParagraph is the length under which a paragraph is too short to
// stand alone as a passage: a declaration line, a one-line note, a FAQ's
// question.
const shortParagraph = 200

// groupShort joins a lead to the paragraphs it introduces, so that a
// passage says what it is about: "func Ints(x []int)", "Ints sorts a slice
// of ints in increasing order." and "Note: as of Go 1.22, this function
// simply calls slices.Sort." are one passage, not three. A lead is a short
// line that does not end a sentence (a heading, a declaration, a question,
// a label), alone or over lines indented under it (a declaration and its
// doc, as go doc prints them). The paragraphs after a lead join it while
// they fit in max and while they are short, indented under the lead, or it
// holds only short ones; two long paragraphs are never joined otherwise,
// and paragraphs with no lead before them stay passages of their own.
func groupShort(paras []string, max int) []string {
	var out []string
	var cur []string
	size, allShort, leadIndent := 0, true, 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n\n"))
		}
		cur, size, allShort = nil, 0, true
	}
	for _, p := range paras {
		short := len(strings.TrimSpace(p)) < shortParagraph
		if isLead(p) && (len(cur) == 0 || !indentedUnder(p, leadIndent)) {
			flush()
			leadIndent = indentOf(p)
		} else if len(cur) == 0 || size+2+len(p) > max || !short && !allShort && !indentedUnder(p, leadIndent) {
			flush()
			out = append(out, strings.TrimSpace(p))
			continue
		}
		if len(cur) == 0 {
			p = strings.TrimLeft(p, " \t")
		}
		cur = append(cur, p)
		size += len(p) + 2
		allShort = allShort && short
	}
	flush()
	return out
}

// isLead reports whether a paragraph leads what follows: a short line that
// does not end a sentence, alone or over lines indented under it.
func isLead(p string) bool {
	first, rest, more := strings.Cut(p, "\n")
	if len(strings.TrimSpace(first)) >= shortParagraph || !leads(strings.TrimSpace(first)) {
		return false
	}
	if !more {
		return true
	}
	return indentedUnder(rest, indentOf(first))
}

// indentedUnder reports whether every line of p is indented deeper than
// indent.
func indentedUnder(p string, indent int) bool {
	for _, line := range strings.Split(p, "\n") {
		if strings.TrimSpace(line) != "" && indentOf(line) <= indent {
			return false
		}
	}
	return true
}

// indentOf is the width of the leading spaces and tabs of s's first line.
func indentOf(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

// leads reports whether a short paragraph opens what follows rather than
// ending a thought: it does not end like a sentence (a declaration's
// closing parenthesis is no sentence end, a reference marker's bracket
// is), or it asks.
func leads(p string) bool {
	if strings.Contains(p, "\n") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".!\"”]", last)
}
