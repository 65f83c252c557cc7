// Package corpus turns documents (.txt/.md files, or the built-in corpus) into
// passages with stable ids, and passages into dated events.
package corpus

// Passage is one retrievable unit of a document: a paragraph, or a piece of a
// long paragraph split at sentence ends.
type Passage struct {
	// ID is stable across runs: "<relative path>#<n>", n counted from 1.
	ID string
	// Source is the document's path relative to the corpus root (slash-separated).
	Source string
	// Title is the document's first heading, its first line when short, or
	// its file name: at most MaxTitleRunes (see Document.Title).
	Title string
	// Text is the passage as written, reference markers such as "[13]" kept.
	Text string
}

// IndexText is the passage text as it is indexed: reference markers removed.
func (p Passage) IndexText() string { return StripMarkers(p.Text) }
