// Package extractive answers questions with sentences copied from the
// retrieved passages: no model, no network, and no word that is not in the
// documents.
package extractive

import (
	"context"
	"maps"
	"math"
	"strings"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

// Backend is the name the extractive answerer reports.
const Backend = "extractive"

// Stats gives corpus-wide term statistics; *retrieval.Lexical provides them.
type Stats interface {
	IDF(term string) float64
	DocFreq(term string) int
	Len() int
}

var _ Stats = (*retrieval.Lexical)(nil)

// DefaultThreshold is the question-term coverage below which the answerer
// abstains. It was calibrated on the dev set and a set of paraphrased and
// unanswerable questions (internal/eval/testdata): every unanswerable
// question there falls below it and every answerable one above it; see
// TestCalibration for the margins.
const DefaultThreshold = 0.40

// Answerer picks the sentence among the top passages that best covers the
// question's content terms, preferring sentences with the kind of answer
// the question asks for (a date for "when", a number for "how many", a name
// for "who"/"where"), and abstains when no sentence covers enough.
type Answerer struct {
	stats       Stats
	threshold   float64
	maxPassages int
	maxIDF      float64
}

var _ answer.Answerer = (*Answerer)(nil)

// Option configures an Answerer.
type Option func(*Answerer)

// WithThreshold sets the abstention threshold (0–1).
func WithThreshold(t float64) Option { return func(a *Answerer) { a.threshold = t } }

// WithMaxPassages sets how many of the top passages are read (default 5).
func WithMaxPassages(n int) Option { return func(a *Answerer) { a.maxPassages = n } }

// New returns an extractive answerer that weighs terms with stats.
func New(stats Stats, opts ...Option) *Answerer {
	n := float64(stats.Len())
	a := &Answerer{
		stats:       stats,
		threshold:   DefaultThreshold,
		maxPassages: 5,
		maxIDF:      math.Log(1 + (n-1+0.5)/(1+0.5)),
	}
	for _, o := range opts {
		o(a)
	}
	return a
}

// candidate is a sentence of a retrieved passage with its evidence scores.
type candidate struct {
	text     string
	hit      int // index into the request's passages
	coverage float64
	score    float64
	// fits is true when the sentence has the kind of answer asked for.
	fits bool
}

// Answer implements answer.Answerer.
func (a *Answerer) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	if err := ctx.Err(); err != nil {
		return answer.Answer{}, err
	}
	best, ok := a.best(req.Question, req.History, req.Passages)
	var ans answer.Answer
	if !ok || best.coverage < a.threshold || mustFit(classify(req.Question)) && !best.fits {
		ans = Abstention(req.Question)
	} else {
		ans = answer.Answer{
			Text:      best.text + " [1]",
			Backend:   Backend,
			Citations: []answer.Citation{{N: 1, Hit: req.Passages[best.hit]}},
		}
	}
	if req.Stream != nil {
		req.Stream(ans.Text)
	}
	return ans, nil
}

// mustFit reports whether a question kind is only answered by a sentence of
// that kind: "When did the Soviet Union collapse?" is not answered by a
// sentence about the collapse that gives no date, nor "How long is the
// border?" by one without a number.
func mustFit(k kind) bool { return k == kindWhen || k == kindQuantity }

// Abstention is the answer given when the passages don't answer question.
func Abstention(question string) answer.Answer {
	q := strings.TrimSpace(question)
	return answer.Answer{
		Text:      "The documents don't say. No passage answers “" + q + "”.",
		Abstained: true,
		Backend:   Backend,
	}
}

// strongCoverage is the coverage at which a dated or numbered sentence may
// answer a when or how-many question without its verb.
const strongCoverage = 0.75

// followUpWeight is how much the previous question's terms count when a
// follow-up ("How did they respond to it?") is read with it.
const followUpWeight = 0.5

// best returns the best-scoring sentence of the top passages.
func (a *Answerer) best(question string, history []answer.Turn, hits []retrieval.Hit) (candidate, bool) {
	inCorpus := func(t string) bool { return a.stats.DocFreq(t) > 0 }
	qterms := questionTerms(question, a.stats.IDF, inCorpus, a.maxIDF)
	if answer.IsFollowUp(question, history) {
		have := map[string]bool{}
		for _, qt := range qterms {
			have[qt.term] = true
		}
		for _, qt := range questionTerms(history[len(history)-1].Question, a.stats.IDF, inCorpus, a.maxIDF) {
			if !have[qt.term] {
				qt.weight *= followUpWeight
				qterms = append(qterms, qt)
			}
		}
	}
	if len(qterms) == 0 {
		return candidate{}, false
	}
	k := classify(question)
	focus := focusTerms(question)
	percent := asksPercent(question)
	var best candidate
	found := false
	for i, h := range hits {
		if i >= a.maxPassages {
			break
		}
		text := h.IndexText()
		sentences := analysis.Sentences(text)
		sets := make([]map[string]bool, len(sentences))
		for j, s := range sentences {
			sets[j] = termSet(s)
		}
		title := termSet(h.Title)
		prior := 0.05 * (1 - float64(i)/float64(a.maxPassages))
		for j, s := range sentences {
			s = tidy(s)
			if len(s) < 12 || !hasAll(focus, sets[j]) {
				continue
			}
			// Terms of the neighbouring sentences and of the document's
			// title count half: "It was first lit in 1874." needs the
			// title or the sentence before it to say what "it" is.
			near := maps.Clone(title)
			for _, n := range []int{j - 1, j + 1} {
				if n >= 0 && n < len(sets) {
					maps.Copy(near, sets[n])
				}
			}
			cov := coverage(qterms, sets[j], near)
			fits := fitsKind(k, s, question)
			// A sentence must match what is asked about, not only the names
			// — unless it is a date or an amount next to nearly all of the
			// question: "the Treaty of Saint Petersburg (1881)" answers
			// "When was the Treaty of Saint Petersburg signed?".
			if !matchesPredicate(qterms, sets[j]) && !(mustFit(k) && fits && cov >= strongCoverage) {
				continue
			}
			// …and the names, when the question names things the documents
			// know: "After the fall of the rebellion …" does not answer
			// "When did the Kazakh Khanate fall?".
			if !matchesNames(qterms, sets[j], near) {
				continue
			}
			if percent && !mentionsPercent(s) {
				continue
			}
			score := cov + prior + cueBonus(qterms, sets[j])
			if k != kindOther {
				if fits {
					score += 0.15
				} else {
					score -= 0.1
				}
			}
			if !found || score > best.score {
				if j > 0 && leansBack(s) {
					s = tidy(sentences[j-1]) + " " + s
				}
				best = candidate{text: s, hit: i, coverage: cov, score: score, fits: fits}
				found = true
			}
		}
	}
	return best, found
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

func termSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range analysis.Terms(s) {
		m[t] = true
	}
	return m
}

// coverage is the weighted share of question terms that the sentence's terms
// contain. A term found only in a neighbouring sentence, or only sharing a
// long prefix (6+ letters) with a sentence term ("reconquered" and
// "reconquest"), counts half.
func coverage(q []queryTerm, terms, near map[string]bool) float64 {
	var got, total float64
	for _, qt := range q {
		switch {
		case terms[qt.term]:
			got += qt.weight
		case qt.optional:
			continue // neither for nor against
		case near[qt.term] || prefixMatch(qt.term, terms):
			got += qt.weight / 2
		}
		total += qt.weight
	}
	if total == 0 {
		return 0
	}
	return got / total
}

func prefixMatch(term string, terms map[string]bool) bool {
	if len(term) < 6 {
		return false
	}
	for t := range terms {
		if len(t) >= 6 && commonPrefix(t, term) >= 6 {
			return true
		}
	}
	return false
}

// cueBonus favours, among sentences that cover a question alike, the one
// that also has its cue words: "named after" for "Who is it named after?".
func cueBonus(q []queryTerm, terms map[string]bool) float64 {
	bonus := 0.0
	for _, qt := range q {
		if qt.cue && terms[qt.term] {
			bonus += 0.05
		}
	}
	return min(bonus, 0.15)
}

// matchesNames reports whether the sentence, its neighbours or its title
// contain at least one of the question's names that the corpus contains.
func matchesNames(q []queryTerm, terms, near map[string]bool) bool {
	named := false
	for _, qt := range q {
		if !qt.entity || !qt.inCorpus {
			continue
		}
		if terms[qt.term] || near[qt.term] {
			return true
		}
		named = true
	}
	return !named
}

// hasAll reports whether every term is in terms (or shares a long prefix
// with one of them).
func hasAll(want []string, terms map[string]bool) bool {
	for _, t := range want {
		if !terms[t] && !prefixMatch(t, terms) {
			return false
		}
	}
	return true
}

// matchesPredicate reports whether the sentence contains at least one of the
// question's ordinary words (not names or numbers), when it has any. A
// sentence that shares only the names ("the Kazakh Khanate") but none of
// what is asked about them ("founded") does not answer the question.
func matchesPredicate(q []queryTerm, terms map[string]bool) bool {
	any := false
	for _, qt := range q {
		if qt.entity || qt.weight == 0 {
			continue
		}
		if terms[qt.term] || prefixMatch(qt.term, terms) {
			return true
		}
		any = any || !qt.optional
	}
	return !any
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
