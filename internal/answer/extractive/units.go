package extractive

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/citebot/citebot/internal/analysis"
)

// unit is a piece of a passage that can answer on its own: a sentence, a
// list item, or a table row. context is text that says what the unit is
// about without being part of it: a table's header row, a list's lead-in,
// a Markdown heading.
type unit struct {
	text    string
	context string
	// header is a table row's header row, with which it is quoted.
	header string
}

// listMarker is a list item's marker: a bullet or a number.
const listMarker = `(?:[-*+•]|\d{1,3}[.)])`

var (
	listItemRe = regexp.MustCompile(`^\s*` + listMarker + `\s+`)
	headingRe  = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	tableSepRe = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	// declRe matches a declaration in API docs ("func (m *Map) Load(key
	// any) (value any, ok bool)", "type Pool struct", "def load(path)"):
	// a lower-case keyword, a name, and no sentence end.
	declRe = regexp.MustCompile(`^\s*(?:func|type|var|const|def|class|fn|pub fn|interface|struct|enum|let)\s+\S.*[^.!?:;,]\s*$`)
)

// units splits a passage into the pieces an answer may quote. Prose is
// split into sentences; each Markdown list item and table row stands
// alone, because a row or an item answers without its neighbours
// ("| Bereavement leave | 5 days |" for "How much leave after a death?").
func units(text string) []unit {
	if !strings.ContainsAny(text, "\n") {
		if declRe.MatchString(text) {
			// A declaration alone ("func (b *Writer) Init(…) *Writer",
			// its doc in the next passage) answers nothing.
			return nil
		}
		return sentenceUnits(text, "")
	}
	var out []unit
	var prose []string
	heading, header, lead := "", "", ""
	// proseEnd is len(out) just after the last prose paragraph was added,
	// while nothing has come after it; -1 when something has.
	proseEnd := -1
	flush := func() {
		if len(prose) > 0 {
			p := strings.Join(prose, "\n")
			if proseEnd == len(out) && len(out) > 0 && strings.HasSuffix(strings.TrimSpace(out[len(out)-1].text), ":") && codeLines(prose) {
				// A code example in plain text, as go doc prints one, is
				// quoted with the paragraph just before it that leads
				// into it ("the caller should Wait in a loop:").
				out[len(out)-1].text += "\n" + p
				lead = ""
			} else {
				out = append(out, sentenceUnits(p, heading)...)
				lead = lastSentence(p)
			}
			prose = prose[:0]
			proseEnd = len(out)
		}
	}
	lines := strings.Split(text, "\n")
	var fence []string // the lines of an open fenced code block
	steps := -1        // the unit whose list is being added to it, or -1
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if fence != nil || strings.HasPrefix(trimmed, "```") {
			fence = append(fence, line)
			if len(fence) > 1 && strings.HasPrefix(trimmed, "```") || i == len(lines)-1 {
				// A block after a unit that leads into it ("… is the
				// install script:") is quoted with it, else on its own.
				code := strings.Join(fence, "\n")
				fence = nil
				n := len(out)
				flush()
				if len(out) > n && strings.HasSuffix(strings.TrimSpace(out[len(out)-1].text), ":") {
					out[len(out)-1].text += "\n" + code
				} else {
					out = append(out, unit{text: code})
				}
			}
			continue
		}
		if trimmed != "" && !listItemRe.MatchString(line) {
			steps = -1
		}
		switch {
		case trimmed == "":
			flush()
			header = ""
		case headingRe.MatchString(line):
			flush()
			heading = strings.TrimSpace(headingRe.ReplaceAllString(line, ""))
			lead = ""
			proseEnd = -1
		case strings.HasPrefix(trimmed, "|") || strings.Count(trimmed, "|") >= 2 && i+1 < len(lines) && tableSepRe.MatchString(lines[i+1]):
			flush()
			if tableSepRe.MatchString(trimmed) {
				continue
			}
			if header == "" {
				header = trimmed
				continue
			}
			out = append(out, unit{text: trimmed, context: strings.TrimSpace(heading + " " + lead + " " + header), header: header})
		case listItemRe.MatchString(line):
			n := len(out)
			flush()
			if len(out) > n && strings.HasSuffix(strings.TrimSpace(out[len(out)-1].text), ":") {
				steps = len(out) - 1 // a lead-in: its list's items go with it
			}
			if steps >= 0 && strings.Count(out[steps].text, "\n") < maxSteps {
				out[steps].text += "\n" + strings.TrimSpace(line)
			}
			item := strings.TrimSpace(listItemRe.ReplaceAllString(line, ""))
			out = append(out, sentenceUnits(item, strings.TrimSpace(heading+" "+lead))...)
			continue
		case declRe.MatchString(line) && (i == 0 || strings.TrimSpace(lines[i-1]) == "") && (i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "" || indent(lines[i+1]) > indent(line)):
			// A declaration on its own line (or over its indented doc, as
			// go doc prints it) is what the prose after it documents, as a
			// heading is: "func Ints(x []int)" before "Ints sorts a slice
			// of ints." It is no answer itself.
			flush()
			heading = trimmed
			lead = ""
			proseEnd = -1
		default:
			if tableSepRe.MatchString(trimmed) {
				continue
			}
			prose = append(prose, line)
		}
	}
	flush()
	// A table with only a header row still says something.
	if len(out) == 0 && header != "" {
		out = append(out, unit{text: header})
	}
	return out
}

func sentenceUnits(text, context string) []unit {
	ss := analysis.Sentences(text)
	out := make([]unit, 0, len(ss))
	for _, s := range ss {
		out = append(out, unit{text: s, context: context})
	}
	return out
}

func lastSentence(p string) string {
	ss := analysis.Sentences(p)
	if len(ss) == 0 {
		return ""
	}
	s := ss[len(ss)-1]
	if strings.HasSuffix(strings.TrimSpace(s), ":") {
		return s
	}
	return ""
}

// quoteRow renders a table row with its header so the quote says what
// each cell is: "Sick leave (Type of leave) | Up to 20 days… (Entitlement)".
func quoteRow(row, header string) string {
	cells := splitRow(row)
	heads := splitRow(header)
	if len(heads) != len(cells) {
		return row
	}
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteString("; ")
		}
		if heads[i] != "" && c != "" {
			b.WriteString(heads[i] + ": " + c)
		} else {
			b.WriteString(c)
		}
	}
	return b.String()
}

func splitRow(r string) []string {
	r = strings.TrimSpace(r)
	r = strings.TrimPrefix(r, "|")
	r = strings.TrimSuffix(r, "|")
	parts := strings.Split(r, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// leansBack reports whether a sentence starts with a word that refers to
// the sentence before it ("It", "They", "However,"), so that it is quoted
// with that sentence.
func leansBack(s string) bool {
	first, _, _ := strings.Cut(s, " ")
	switch strings.Trim(first, ",;:") {
	case "It", "Its", "They", "Their", "Them", "He", "His", "She", "Her", "This", "These", "Those", "That", "There", "However", "But":
		return true
	}
	return false
}

// tidy trims a stray closing quote that sentence splitting left at the start
// of a sentence, and surrounding spaces.
func tidy(s string) string {
	s = strings.TrimSpace(s)
	if strings.Count(s, "\"")%2 == 1 && strings.HasPrefix(s, "\"") {
		s = strings.TrimSpace(s[1:])
	}
	return s
}

// codeLines reports whether a paragraph's lines are code rather than
// sentences: two lines or more, most of them ending in a bracket or a
// semicolon, or holding "()" or ":=" ("c.L.Lock()", "for !condition() {").
func codeLines(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	code := 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasSuffix(t, "{") || strings.HasSuffix(t, "}") || strings.HasSuffix(t, ")") || strings.HasSuffix(t, ";") ||
			strings.Contains(t, "()") || strings.Contains(t, ":=") {
			code++
		}
	}
	return 2*code > len(lines)
}

// capsHeading reports whether a sentence is a heading written in
// capitals, as plain-text documents write them: two words or more, no
// lower-case letter, no sentence end ("DONORS AND SUPPORTERS").
func capsHeading(line string) bool {
	line = strings.TrimSpace(line)
	if !strings.ContainsAny(line, " \t") || strings.ContainsAny(line[len(line)-1:], ".!?;,") {
		return false
	}
	letters := 0
	for _, r := range line {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 6
}

// asksSomething reports whether a sentence is a question: it ends in a
// question mark, perhaps inside the emphasis or quotes that close it, as
// a FAQ writes its questions ("**Do I have to pay a deposit?**").
func asksSomething(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, "*_\"'”’) \t"), "?")
}

// indent is the width of a line's leading spaces and tabs.
func indent(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t"))
}

// maxSteps is the most list items quoted with the lead-in that introduces
// them: a procedure's steps, not a whole catalogue.
const maxSteps = 10
