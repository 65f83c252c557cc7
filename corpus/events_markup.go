package corpus

import "strings"

// Markdown that is not prose carries dates that are not events: a Python
// block's "2024-01-01", a front matter's "date: 2020-05-01". The timeline
// reads only the lines outside fenced code blocks (``` and ~~~) and outside
// YAML front matter (between "---" lines at the start of a file). This is a
// line-based reading, not a Markdown parser.

// markupFilter follows fenced blocks and front matter through the passages of
// one source, in order.
type markupFilter struct {
	source string
	// fence is the opening fence of the block being read ("```", "~~~~"), or "".
	fence string
	// front: the front matter is being read, up to its closing line.
	front bool
}

// prose returns the parts of passages[i] outside code blocks and front
// matter, as substrings of its text.
func (f *markupFilter) prose(passages []Passage, i int) []string {
	p := passages[i]
	firstOfSource := p.Source != f.source
	if firstOfSource {
		*f = markupFilter{source: p.Source}
		if isFrontMatterStart(p.Text) && frontMatterCloses(passages, i) {
			f.front = true
		}
	}
	text := p.Text
	if f.fence == "" && !f.front && !strings.Contains(text, "```") && !strings.Contains(text, "~~~") {
		return []string{text}
	}
	var parts []string
	start := -1 // the start of the prose being gathered, or -1
	flush := func(end int) {
		if start >= 0 && strings.TrimSpace(text[start:end]) != "" {
			parts = append(parts, text[start:end])
		}
		start = -1
	}
	openingLine := firstOfSource && f.front
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := strings.TrimSpace(text[pos:end])
		switch {
		case openingLine:
			openingLine = false
			flush(pos)
		case f.front:
			if line == "---" || line == "..." {
				f.front = false
			}
			flush(pos)
		case f.fence != "":
			if closesFence(line, f.fence) {
				f.fence = ""
			}
			flush(pos)
		default:
			if fence := openingFence(line); fence != "" {
				f.fence = fence
				flush(pos)
			} else if start < 0 {
				start = pos
			}
		}
		pos = end + 1
	}
	flush(len(text))
	return parts
}

func isFrontMatterStart(text string) bool {
	first, _, _ := strings.Cut(text, "\n")
	return strings.TrimSpace(first) == "---"
}

// frontMatterCloses reports whether the front matter opened in passages[i]
// has a closing line in the same source; without one, "---" is a rule.
func frontMatterCloses(passages []Passage, i int) bool {
	for j := i; j < len(passages) && passages[j].Source == passages[i].Source; j++ {
		text := passages[j].Text
		if j == i {
			_, text, _ = strings.Cut(text, "\n")
		}
		for line := range strings.Lines(text) {
			if l := strings.TrimSpace(line); l == "---" || l == "..." {
				return true
			}
		}
	}
	return false
}

// openingFence returns the fence a line opens ("```", "~~~~") or "". A
// backtick fence's info string has no backticks ("```x```" is inline code).
func openingFence(line string) string {
	if len(line) < 3 || line[0] != '`' && line[0] != '~' {
		return ""
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n < 3 || line[0] == '`' && strings.ContainsRune(line[n:], '`') {
		return ""
	}
	return line[:n]
}

// closesFence reports whether line closes the block opened by fence: a run
// of the same character at least as long. Text after it is tolerated, since
// long paragraphs can join a closing fence to the next line.
func closesFence(line, fence string) bool {
	n := 0
	for n < len(line) && line[n] == fence[0] {
		n++
	}
	return n >= len(fence)
}
