package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A builder turns the blocks of a structured document (Markdown, HTML), in
// order, into passages that carry their section path and link. Paragraphs
// are split like plain text; a list or table that fits is one passage, a
// longer one is split between items or rows, and every part of a table
// repeats its header row and separator; a code block is never split. A
// paragraph that ends in a colon and leads into a list or table is kept with
// it, so that the list's passage says what it lists.
type builder struct {
	path, title, pageURL string
	out                  []Passage
	open                 []openHeading
	// titleSeen: the heading that gave the title has been met (and left out
	// of the path).
	titleSeen bool
	// lead is a paragraph ending in ":" waiting for the block it introduces.
	lead string
}

type openHeading struct {
	level        int
	text, anchor string
	hidden       bool // the title's own heading: not repeated in the path
}

func newBuilder(path, title, pageURL string) *builder {
	return &builder{path: path, title: title, pageURL: pageURL}
}

// heading opens a section. The first level-1 heading (or the first heading,
// when the title came from it) that repeats the title is not part of paths.
func (b *builder) heading(level int, text, anchor string) {
	b.flushLead()
	text = capTitle(strings.Join(strings.Fields(text), " "))
	for len(b.open) > 0 && b.open[len(b.open)-1].level >= level {
		b.open = b.open[:len(b.open)-1]
	}
	h := openHeading{level: level, text: text, anchor: anchor}
	if !b.titleSeen && len(b.open) == 0 && sameTitle(text, b.title) {
		b.titleSeen = true
		h.hidden, h.anchor = true, ""
	}
	if text == "" {
		h.hidden = true
	}
	b.open = append(b.open, h)
}

// sameTitle reports whether a heading repeats the document's title, which
// may carry more after it ("Calibration — Docs" for the heading
// "Calibration"), but not a longer word ("Guide" is not "Guidelines").
func sameTitle(heading, title string) bool {
	h, t := strings.ToLower(strings.TrimSuffix(heading, "…")), strings.ToLower(strings.TrimSuffix(title, "…"))
	if h == "" || !strings.HasPrefix(t, h) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(t[len(h):])
	return len(t) == len(h) || !unicode.IsLetter(next) && !unicode.IsDigit(next)
}

// section is the current section path.
func (b *builder) section() string {
	parts := []string{b.title}
	if b.title == "" {
		parts = parts[:0]
	}
	for _, h := range b.open {
		if !h.hidden {
			parts = append(parts, h.text)
		}
	}
	return strings.Join(parts, SectionSeparator)
}

// link is the current section's address: the page's, with the anchor of
// the innermost heading that has one.
func (b *builder) link() string {
	if b.pageURL == "" {
		return ""
	}
	for i := len(b.open) - 1; i >= 0; i-- {
		if a := b.open[i].anchor; a != "" {
			return withFragment(b.pageURL, a)
		}
	}
	return b.pageURL
}

func (b *builder) emit(text string, code bool) {
	if strings.TrimSpace(text) == "" {
		return
	}
	b.out = append(b.out, Passage{
		ID:      fmt.Sprintf("%s#%d", b.path, len(b.out)+1),
		Source:  b.path,
		Title:   b.title,
		Section: b.section(),
		URL:     b.link(),
		Code:    code,
		Text:    text,
	})
}

// flushLead emits a waiting lead-in as a passage of its own: what it led
// into was not a list, table or code block (a heading, a paragraph, the
// end of the document). It is emitted as it is, not read as a paragraph
// again, which would only make it wait again and lose it.
func (b *builder) flushLead() {
	if b.lead != "" {
		lead := b.lead
		b.lead = ""
		for _, piece := range splitLong(lead, MaxPassageChars) {
			b.emit(piece, false)
		}
	}
}

// paragraph adds prose, split at sentence ends when long. A short one that
// ends in a colon waits for the list or table it introduces.
func (b *builder) paragraph(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	b.flushLead()
	if strings.HasSuffix(text, ":") && len(text) <= MaxPassageChars/3 {
		b.lead = text
		return
	}
	for _, piece := range splitLong(text, MaxPassageChars) {
		b.emit(piece, false)
	}
}

// code adds a code block, whole. A lead-in ending in a colon ("The
// quickest way to install on Linux is the install script:") is kept with
// it, as with a list or table: the answer to "How do I install it?" is the
// two together. Such a passage is prose with a fenced block in it, not a
// code passage (the timeline skips fenced lines in prose).
func (b *builder) code(text string) {
	text = strings.TrimRight(text, "\n")
	if lead := b.lead; lead != "" && len(lead)+1+len(text) <= MaxPassageChars {
		b.lead = ""
		b.emit(lead+"\n"+text, false)
		return
	}
	b.flushLead()
	b.emit(text, true)
}

// list adds a list: whole (as written) when it fits, else its items packed
// into passages.
func (b *builder) list(whole string, items []string) {
	b.group(whole, "", items)
}

// table adds a table as Markdown table text: header row, separator, rows.
// Split tables repeat the header and separator in every part.
func (b *builder) table(header, sep string, rows []string) {
	head := header + "\n" + sep
	whole := head
	if len(rows) > 0 {
		whole += "\n" + strings.Join(rows, "\n")
	}
	b.group(whole, head, rows)
}

func (b *builder) group(whole, head string, items []string) {
	lead := b.lead
	b.lead = ""
	var parts []string
	if len(whole) <= MaxPassageChars || len(items) == 0 {
		parts = []string{whole}
	} else {
		cur := ""
		flush := func() {
			if cur != "" {
				parts = append(parts, joinLines(head, cur))
				cur = ""
			}
		}
		for _, it := range items {
			if len(head)+1+len(it) > MaxPassageChars {
				// An item too long for a part of its own reads as prose.
				flush()
				parts = append(parts, splitLong(it, MaxPassageChars)...)
				continue
			}
			if cur != "" && len(head)+len(cur)+2+len(it) > MaxPassageChars {
				flush()
			}
			cur = joinLines(cur, it)
		}
		flush()
	}
	if lead != "" {
		if len(lead)+1+len(parts[0]) <= MaxPassageChars {
			parts[0] = lead + "\n" + parts[0]
		} else {
			b.emit(lead, false)
		}
	}
	for _, p := range parts {
		b.emit(p, false)
	}
}

func joinLines(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// finish returns the passages, the last waiting lead-in included.
func (b *builder) finish() []Passage {
	b.flushLead()
	return b.out
}

// slugger makes GitHub-style heading anchors: lower case, letters, digits,
// "-" and "_" kept, spaces turned into "-", everything else dropped; a
// repeated anchor gets "-1", "-2", … as on GitHub.
type slugger map[string]int

func (s slugger) slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	base := b.String()
	if base == "" {
		return ""
	}
	n, seen := s[base]
	s[base] = n + 1
	if !seen {
		return base
	}
	return fmt.Sprintf("%s-%d", base, n)
}
