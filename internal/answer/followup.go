package answer

import (
	"strings"

	"github.com/citebot/citebot/internal/analysis"
)

// followUpWords are words that point back to an earlier turn.
var followUpWords = map[string]bool{
	"it": true, "its": true, "that": true, "this": true, "those": true, "these": true, "they": true,
	"them": true, "their": true, "he": true, "she": true, "his": true, "her": true, "there": true,
	"then": true, "also": true, "else": true,
}

// IsFollowUp reports whether a question leans on the turn before it: it
// points back ("When did that happen?", "Who signed it?") or is too short
// to stand alone ("And in 1997?").
func IsFollowUp(question string, history []Turn) bool {
	if len(history) == 0 {
		return false
	}
	for _, w := range analysis.Words(question) {
		if followUpWords[w] {
			return true
		}
	}
	return len(analysis.Terms(question)) <= 1
}

// WithContext returns the question to search and reason with: a follow-up
// gets the previous question in front of it, anything else stands alone.
func WithContext(question string, history []Turn) string {
	if !IsFollowUp(question, history) {
		return question
	}
	return strings.TrimSpace(history[len(history)-1].Question) + " " + question
}
