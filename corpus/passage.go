// Package corpus turns documents (.txt, .md, .html and .pdf files, or the
// built-in corpus) into passages with stable ids, and passages into dated
// events.
package corpus

import "strings"

// Passage is one retrievable unit of a document: a paragraph, a list, a
// table (or a run of its rows, under its header), a code block, or a piece
// of a long paragraph split at sentence ends.
type Passage struct {
	// ID is stable across runs: "<relative path>#<n>", n counted from 1;
	// for a PDF "<relative path>#p<page>.<n>", n counted from 1 on each page.
	ID string
	// Source is the document's path relative to the corpus root (slash-separated).
	Source string
	// Title is the document's title (front matter, <title>, PDF metadata,
	// first heading, first line when short, or file name): at most
	// MaxTitleRunes (see Document.Title).
	Title string
	// Section is the passage's section path, the title then the headings
	// it is under, joined by SectionSeparator: "Handbook › Calibration
	// intervals". It is empty for formats without headings (.txt, .pdf).
	Section string
	// URL is where the passage can be read: the page's address (front
	// matter url, HTML canonical link, or citebot.toml's base_url and the
	// path) with the heading's anchor, or "" when unknown.
	URL string
	// Page is the PDF page the passage is on, counted from 1; 0 otherwise.
	Page int
	// Code marks a code block: it is indexed and quoted, but never a source
	// of timeline events.
	Code bool
	// Text is the passage as written, reference markers such as "[13]" kept.
	// Lists keep their markers and tables their Markdown table text.
	Text string
}

// SectionSeparator joins the parts of a section path.
const SectionSeparator = " › "

// IndexText is the passage text as it is indexed: reference markers removed.
func (p Passage) IndexText() string { return StripMarkers(p.Text) }

// Heading is what a passage is about before its text says it: its section
// path when it has one, else its document's title. It is indexed as the
// title field and embedded before the text.
func (p Passage) Heading() string {
	if p.Section != "" {
		return p.Section
	}
	return p.Title
}

// SourceOf returns the source (the document's path) of a passage id:
// "notes/a.txt#3" and "report.pdf#p2.1" → "notes/a.txt", "report.pdf". An
// id without a "#" is returned whole.
func SourceOf(id string) string {
	if i := strings.LastIndexByte(id, '#'); i >= 0 {
		return id[:i]
	}
	return id
}
