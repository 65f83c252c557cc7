package corpus

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/citebot/citebot/internal/analysis"
)

// ChunkingVersion changes whenever the way documents become passages changes,
// so that stored indexes built the old way are rebuilt.
const ChunkingVersion = 1

// MaxPassageChars is the length above which a paragraph is split at sentence ends.
const MaxPassageChars = 1200

// Document is one source file's text.
type Document struct {
	// Path is relative to the corpus root, slash-separated.
	Path string
	Text string
}

// Title returns the document's first Markdown heading, or else its first
// non-empty line.
func (d Document) Title() string {
	first := ""
	for _, line := range strings.Split(d.Text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			return strings.TrimSpace(strings.TrimLeft(line, "#"))
		}
		if first == "" {
			first = line
		}
	}
	return first
}

// Passages splits the document at blank lines into passages. A paragraph
// that is only a heading (a Markdown "#" line, or the document's first line
// when it has no sentence punctuation) is not a passage of its own: it is the
// title. Paragraphs over MaxPassageChars are split at sentence ends.
func (d Document) Passages() []Passage {
	title := d.Title()
	text := strings.ReplaceAll(d.Text, "\r\n", "\n")
	var out []Passage
	for i, para := range splitParagraphs(text) {
		if isHeading(para, i == 0) {
			continue
		}
		for _, piece := range splitLong(para, MaxPassageChars) {
			out = append(out, Passage{
				ID:     fmt.Sprintf("%s#%d", d.Path, len(out)+1),
				Source: d.Path,
				Title:  title,
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
	if strings.HasPrefix(p, "#") {
		return true
	}
	return first && utf8.RuneCountInString(p) <= 120 && !strings.ContainsAny(p[len(p)-1:], ".!?:;\"”)")
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
