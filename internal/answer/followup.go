package answer

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/citebot/citebot/internal/analysis"
)

// backWords are words that point back to an earlier turn.
var backWords = map[string]bool{
	"it": true, "its": true, "that": true, "this": true, "those": true, "these": true, "they": true,
	"them": true, "their": true, "he": true, "she": true, "his": true, "her": true, "him": true, "hers": true,
	"there": true, "then": true, "also": true, "else": true,
}

// personWords point back to a person: "he" after "Who succeeded Priya
// Raman?" is the successor the answer named, not Raman.
var personWords = map[string]bool{"he": true, "she": true, "his": true, "her": true, "him": true, "hers": true}

// ellipsisRe finds questions that continue the previous one without a
// pronoun: "And in 1997?", "What about Astana?".
var ellipsisRe = regexp.MustCompile(`(?i)^\s*(and|what about|how about|and what about)\b`)

// IsFollowUp reports whether a question leans on the turn before it: it
// points back ("When did that happen?", "Who signed it?") or is too short
// to stand alone ("And in 1997?").
func IsFollowUp(question string, history []Turn) bool {
	return ResolveFollowUp(question, history).IsFollowUp
}

// FollowUp is a question read against the conversation before it.
type FollowUp struct {
	IsFollowUp bool
	// Query is the text to search with: the question, and for a
	// follow-up the subject it points back to.
	Query string
	// Context is what the follow-up borrows from the previous turn: the
	// subject its pronouns stand for, or the whole previous question for
	// an elliptical one ("And in 1997?").
	Context string
	// Elliptical is true when the question continues the previous one
	// without saying what it asks ("And after ten years?").
	Elliptical bool
}

// ResolveFollowUp reads a question against the turns before it. A
// pronoun stands for the previous turn's subject: the new name its answer
// gave when it asked who ("Who succeeded Priya Raman?" → the successor),
// else the names of its question ("When did Osei Finch retire?" → Osei
// Finch). An elliptical question borrows the whole previous question.
func ResolveFollowUp(question string, history []Turn) FollowUp {
	out := FollowUp{Query: question}
	if len(history) == 0 {
		return out
	}
	prev := history[len(history)-1]
	words := analysis.Words(question)
	points, person := false, false
	for _, w := range words {
		if backWords[w] {
			points = true
			person = person || personWords[w]
		}
	}
	elliptical := ellipsisRe.MatchString(question) || len(analysis.Terms(question)) <= 1
	if !points && !elliptical {
		return out
	}
	out.IsFollowUp = true
	out.Elliptical = elliptical
	if elliptical && !points {
		out.Context = strings.TrimSpace(prev.Question)
		out.Query = out.Context + " " + question
		return out
	}
	var subject string
	if person {
		subject = personOf(history, len(history)-1)
	} else {
		// "it", "that", "they": what the previous question asked about,
		// and what its answer named — "that" after "Which ship made the
		// first transit?" is the transit, "it" may be the ship.
		subject = strings.TrimSpace(prev.Question)
		if len(prev.Cited) > 0 {
			if n := newNames(stripMarkers(prev.Answer), prev.Question); len(n) > 0 {
				subject += " " + n[0]
			}
		}
	}
	out.Context = subject
	out.Query = question + " " + subject
	return out
}

// personOf returns the person turn i is about: the new name its answer
// gave when it asked who, else the names of its question, else (for a
// question that was itself a follow-up) the person of the turn before.
func personOf(history []Turn, i int) string {
	t := history[i]
	if asksWho(t.Question) && len(t.Cited) > 0 {
		if n := newNames(stripMarkers(t.Answer), t.Question); len(n) > 0 {
			return n[0]
		}
	}
	return subjectOf(history, i)
}

// subjectOf returns the names of turn i's question, or those of the
// turns before it when it names nothing ("When did he die?"), or its
// whole question.
func subjectOf(history []Turn, i int) string {
	for j := i; j >= 0 && j >= i-3; j-- {
		if n := names(history[j].Question); len(n) > 0 {
			return strings.Join(n, " ")
		}
	}
	return strings.TrimSpace(history[i].Question)
}

// WithContext returns the question to search with: a follow-up gets the
// subject of the turn before it, anything else stands alone.
func WithContext(question string, history []Turn) string {
	return ResolveFollowUp(question, history).Query
}

var whoQRe = regexp.MustCompile(`(?i)^\s*(who|whom|whose)\b`)

func asksWho(q string) bool { return whoQRe.MatchString(q) }

var markerRe = regexp.MustCompile(`\s*\[\d+\]`)

func stripMarkers(s string) string { return markerRe.ReplaceAllString(s, "") }

// names returns the runs of capitalised words of s after its first word
// ("Osei Finch", "Astana"), each run once.
func names(s string) []string { return capitalRuns(s, "") }

// newNames returns the capitalised runs of answer that question lacks.
func newNames(answer, question string) []string { return capitalRuns(answer, question) }

func capitalRuns(s, exclude string) []string {
	ex := strings.ToLower(exclude)
	var out []string
	seen := map[string]bool{}
	var run []string
	// startsSentence marks a run whose first word opens a sentence, where
	// every word is capitalised: alone it is no name ("The"), followed by
	// another capitalised word it is ("Tomas Veld succeeded …").
	startsSentence := false
	flush := func() {
		if len(run) > 1 || len(run) == 1 && !startsSentence {
			name := strings.Join(run, " ")
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
		run = run[:0]
		startsSentence = false
	}
	atStart := true
	for _, f := range strings.Fields(s) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r := []rune(w)
		capital := len(r) > 1 && unicode.IsUpper(r[0]) && (ex == "" || !strings.Contains(ex, strings.ToLower(w)))
		if capital {
			if len(run) == 0 {
				startsSentence = atStart
			}
			run = append(run, w)
		} else {
			flush()
		}
		if capital && strings.ContainsAny(f[len(f)-1:], ",;:.?!)") {
			flush()
		}
		atStart = strings.ContainsAny(f[len(f)-1:], ".?!")
	}
	flush()
	return out
}
