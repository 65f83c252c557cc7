// Package extractive answers questions with sentences copied from the
// retrieved passages: no model, no network, and no word that is not in the
// documents.
package extractive

import (
	"cmp"
	"context"
	"github.com/citebot/citebot/corpus"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

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

var (
	_ Stats = (*retrieval.Lexical)(nil)
	_ Stats = retrieval.TermStats{}
)

// Relation is a term or phrase related in meaning to a question term, with
// a weight in (0,1]: 1 for a plain inflection, less for synonyms.
type Relation struct {
	Terms  []string
	Weight float64
	// Loose marks a relation by use rather than meaning (words found in
	// the same contexts: "ties" and "relations", but also "increase" and
	// "reduce"): it helps rank sentences but is not evidence that a
	// question's word is absent, and covers a name only when the two
	// share their first letters ("China", "Chinese").
	Loose bool
}

// Opposites returns the opposites of an analysis term ("hot" → "cold");
// internal/lexicon provides WordNet's antonyms.
type Opposites func(term string) []string

// Related returns the relations of an analysis term, or of a phrase of
// consecutive terms ("pass away"); internal/lexicon provides one built
// from WordNet.
type Related func(terms ...string) []Relation

// Answerer picks the sentence among the top passages that best covers the
// question's content terms, preferring sentences that offer the kind of
// answer the question asks for (a date for "when", an amount of money for
// "how much did it cost"), and abstains when its confidence that the
// sentence answers is below a threshold.
type Answerer struct {
	stats       Stats
	related     Related
	opposites   Opposites
	threshold   float64
	maxPassages int
	maxIDF      float64
	features    Features
	// trace, when set (by tests), sees every candidate scored.
	trace func(c candidate)
	// learned ranks sentences by the fitted rankWeights rather than the
	// hand-set sum (Features.Learned).
	learned bool
	// fixedThreshold is set by WithThreshold: one threshold for all kinds.
	fixedThreshold bool
}

var _ answer.Answerer = (*Answerer)(nil)

// Features switches the answerer's measures on and off, for measurement.
type Features struct {
	// Types prefers sentences that offer the kind of answer asked for
	// beyond the required date or number (money, reasons, names…).
	Types bool
	// Surface prefers, among sentences that share a stem with the
	// question, the one with the question's own word.
	Surface bool
	// FollowUps reads a follow-up with the subject of the previous turn
	// and prefers the passage that turn cited.
	FollowUps bool
	// Confidence abstains by the fitted confidence model; off, by term
	// coverage alone (the first version's rule).
	Confidence bool
	// Lexicon lets a related word (WordNet synonym, derivation, irregular
	// form, place) cover a question term, unless WithRelated says otherwise.
	Lexicon bool
	// Learned ranks sentences by weights fitted on the tuning sets; off,
	// by a hand-set sum of the same evidence.
	Learned bool
	// Neighbours lets a word used in the same contexts (the lexicon's
	// GloVe neighbours) cover a question term at a discount; it needs
	// Lexicon.
	Neighbours bool
	// RunnerUp quotes the second-best sentence too when the ranking can
	// hardly tell it from the best (see runnerMargin); it needs Learned.
	RunnerUp bool
	// Identifiers abstains on a question that names an identifier the
	// documents do not have (see unknownIdentifier).
	Identifiers bool
}

// AllFeatures has every measure on: the default.
var AllFeatures = Features{Types: true, Surface: true, FollowUps: true, Confidence: true, Lexicon: true, Learned: true, Neighbours: true, RunnerUp: true, Identifiers: true}

// Option configures an Answerer.
type Option func(*Answerer)

// WithThreshold sets the abstention threshold (0–1): the confidence below
// which the answerer abstains.
func WithThreshold(t float64) Option {
	return func(a *Answerer) { a.threshold, a.fixedThreshold = t, true }
}

// WithMaxPassages sets how many of the top passages are read (default 5).
func WithMaxPassages(n int) Option { return func(a *Answerer) { a.maxPassages = n } }

// WithRelated lets a question term be covered by a related word
// (a synonym, a derivation, an irregular form) at the relation's weight.
func WithRelated(r Related) Option { return func(a *Answerer) { a.related = r } }

// WithOpposites lets the answerer refuse a sentence that says the opposite
// of a question's word instead of the word: "at night" for "during the
// day" (default with the lexicon: WordNet's antonyms).
func WithOpposites(o Opposites) Option { return func(a *Answerer) { a.opposites = o } }

// WithFeatures switches measures on and off (default AllFeatures).
func WithFeatures(f Features) Option { return func(a *Answerer) { a.features = f } }

// New returns an extractive answerer that weighs terms with stats.
func New(stats Stats, opts ...Option) *Answerer {
	n := float64(stats.Len())
	a := &Answerer{
		stats:       stats,
		maxPassages: 5,
		maxIDF:      math.Log(1 + (n-1+0.5)/(1+0.5)),
		features:    AllFeatures,
		threshold:   -1,
	}
	for _, o := range opts {
		o(a)
	}
	a.learned = a.features.Learned && len(rankWeights) == len(RankFeatureNames)
	if !a.learned {
		// The confidence model is fitted on the learned ranking's scores;
		// without it, abstain by coverage as the first version did.
		a.features.Confidence = false
	}
	if a.related == nil && a.features.Lexicon {
		a.related = lexiconRelated(a.features.Neighbours)
	}
	if a.opposites == nil && a.features.Lexicon {
		a.opposites = lexiconOpposites
	}
	if a.threshold < 0 {
		if a.features.Confidence {
			a.threshold = DefaultThreshold
		} else {
			a.threshold = CoverageThreshold
		}
	}
	return a
}

// candidate is a sentence of a retrieved passage with its evidence.
type candidate struct {
	text     string
	hit      int // index into the request's passages
	coverage float64
	fit      float64
	score    float64
	// missing is the weight share of the heaviest question term the
	// sentence lacks; unseen the share of terms no document has.
	missing     float64
	nameMissing float64
	unseen      float64
	surface     float64
	// fits is true when the sentence has the kind of answer asked for.
	fits bool
	// predicate is true when the sentence has what is asked about, named
	// when it has the question's names (see Evaluate).
	predicate, named, focus bool
	// allNamed is true when the sentence and its neighbours have every
	// name of the question (see allNamed).
	allNamed bool
	// ordinalConflict is true when the question asks about one of a
	// series (the first, the 3rd) and the sentence names only others.
	ordinalConflict bool
	// yearConflict is true when the question asks about a year and the
	// sentence gives only other years.
	yearConflict bool
	// opposed is true when the sentence says the opposite of one of the
	// question's words instead of the word (see opposedBy).
	opposed bool
	// rank are the ranking features (RankFeatureNames); score is the
	// ranking weights' sum over them.
	rank []float64
}

// RankFeatureNames names the features sentences are ranked by, in order.
var RankFeatureNames = []string{"coverage", "predicate_coverage", "entity_coverage", "fit", "fit_required",
	"predicate", "named", "passage_named", "focus", "passage_score", "rank", "surface", "cues", "length",
	"pair", "previous_passage", "repeats_previous", "table_row", "lexical", "date_exactness", "all_named"}

// Indexes of the ranking features set after scoring.
const (
	rfPair            = 14
	rfPreviousPassage = 15
	rfRepeats         = 16
	rfRow             = 17
)

func (c *candidate) set(i int, v float64) {
	if c.rank != nil {
		c.score += rankWeights[i] * (v - c.rank[i])
		c.rank[i] = v
	}
}

// Penalties for a sentence that lacks what the question asks about, or
// the names it asks about. They are not filters: a paraphrase may say
// "acquired" where the question says "buy", and the confidence model
// weighs the lack against the rest of the evidence.
const (
	predicatePenalty = 0.15
	namesPenalty     = 0.2
	focusPenalty     = 0.15
)

// Answer implements answer.Answerer.
func (a *Answerer) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	if err := ctx.Err(); err != nil {
		return answer.Answer{}, err
	}
	ev := a.Evaluate(req.Question, req.History, req.Passages)
	var ans answer.Answer
	if !ev.ok || ev.Confidence < a.thresholdFor(ev.kind) || !ev.answers() {
		ans = Abstention(req.Question)
		// What came closest, quoted by its sentence: a refusal still shows
		// where the documents come nearest, and a question refused for
		// want of evidence is often answered there.
		for _, i := range ev.order[:min(len(ev.order), MaxClosest)] {
			ans.Closest = append(ans.Closest, answer.Citation{Hit: req.Passages[i], Quote: ev.nearest[i]})
		}
	} else {
		hit := req.Passages[ev.best.hit]
		ans = answer.Answer{
			Text:      cited(ev.best.text, 1),
			Backend:   Backend,
			Citations: []answer.Citation{{N: 1, Hit: hit, Quote: ev.best.text}},
		}
		if ev.hasRunner {
			ans.Text += joint(ans.Text) + cited(ev.runner.text, 2)
			ans.Citations = append(ans.Citations, answer.Citation{N: 2, Hit: req.Passages[ev.runner.hit], Quote: ev.runner.text})
		}
	}
	for _, i := range ev.order {
		ans.Read = append(ans.Read, req.Passages[i].ID)
	}
	if req.Stream != nil {
		req.Stream(ans.Text)
	}
	return ans, nil
}

// thresholdFor is the confidence a question of kind k needs: who-questions
// have their own threshold (the confidence model is surer of a sentence
// that names someone than it should be), unless WithThreshold set one for
// all.
func (a *Answerer) thresholdFor(k kind) float64 {
	if k == kindWho && a.features.Confidence && !a.fixedThreshold {
		return WhoThreshold
	}
	return a.threshold
}

// MaxClosest is how many of the passages that came closest an abstention
// quotes (answer.Answer.Closest).
const MaxClosest = 3

// Abstention is the answer given when the passages don't answer question.
func Abstention(question string) answer.Answer {
	q := strings.TrimSpace(question)
	return answer.Answer{
		Text:      "The documents don't say. No passage answers “" + q + "”.",
		Abstained: true,
		Backend:   Backend,
	}
}

// Evaluation is the answerer's reading of a question against passages:
// the best sentence, its evidence and the confidence that it answers.
type Evaluation struct {
	best candidate
	ok   bool
	kind kind
	// second is the score of the best sentence from another passage (or
	// another sentence of the same one), for the margin.
	second float64
	// share is the best sentence's share of the softmax over all scored.
	share float64
	// nearest is, per passage, its best-scoring sentence ("" for a passage
	// not read): what came closest to answering, for an abstention.
	nearest []string
	// order are the indexes of the passages that had a candidate, by their
	// best candidate's score, highest first.
	order []int
	// runner is the sentence quoted after the best when hasRunner (see
	// runnerUp).
	runner    candidate
	hasRunner bool
	// absent is the weight share of the question's ordinary words that no
	// passage read has, in any related form: "When was she born?" where
	// no passage says "born" or "birth".
	absent float64
	// unknownNumber is true when the question gives a number (a year, an
	// amount) that no passage of the corpus has: "What was the trade
	// turnover in 2022?" of documents that never mention 2022. A number
	// offered as an alternative ("1000 or 1024?") or describing the
	// asker's own case ("my 8-year-old", "I earn 30,000") does not count.
	unknownNumber bool
	// unknownIdent is true when the question names an identifier
	// ("sync.OnceValues", "tls.max_version") the documents do not have.
	unknownIdent bool
	// Confidence is the estimated probability that the best sentence
	// answers the question (0–1).
	Confidence float64
	// Features are the confidence model's inputs, for calibration.
	Features []float64
}

// answers reports whether the best sentence can answer at all, whatever
// the confidence: it must offer a required date or amount, have the "X"
// of "What is the X of Y?", have something of what is asked about (not
// only its names) — "After the fall of the rebellion …" does not answer
// "When did the Kazakh Khanate fall?" — and have, with its neighbours,
// every name the question gives (or a related one): "When did Ivan III
// close the Steelyard?" is not answered by his closing the Peterhof. Nor
// is "the first dialogue" answered by a sentence about the second, nor "at
// night" by one that says "during the day" (WordNet's antonyms), nor a
// question about a year (or another number) the documents never mention,
// nor one about an identifier they never write ("sync.OnceValues").
func (e Evaluation) answers() bool {
	b := e.best
	return e.ok && (!mustFit(e.kind) || b.fits) && b.focus && b.predicate && b.allNamed && !b.ordinalConflict && !b.yearConflict && !b.opposed && !e.unknownNumber && !e.unknownIdent
}

// runnerMargin is how far below the best sentence's ranking score the
// runner-up may be and still be quoted: within it the ranking gives the
// runner-up at least 1/e (0.37) of the best's weight, so it cannot tell
// which of the two answers. Quoting both, each cited, costs the reader a
// sentence; quoting the wrong one alone costs the answer. On the tuning
// sets answers grew from 1 to 1.04–1.4 sentences (mean 1.17) and the share
// answered right rose 0.00–0.07 (mean 0.03).
const runnerMargin = 1.0

// runnerUp is the best-scored candidate other than ev.best, when it is
// within runnerMargin of it, is not the best sentence again (alone or in a
// pair), lacks no heavier question word than the best does, is not
// another row of the best's table ("Sick leave: 20 days" after
// "Bereavement leave: 5 days" lists another item), and could answer by the
// same hard rules as the best (the date a when-question needs, the X of
// "What is the X of Y?", the names asked about…).
func runnerUp(ev Evaluation, all []candidate) (candidate, bool) {
	var runner candidate
	found := false
	for _, c := range all {
		if ev.best.score-c.score > runnerMargin || (found && c.score <= runner.score) {
			continue
		}
		if strings.Contains(ev.best.text, c.text) || strings.Contains(c.text, ev.best.text) || c.missing > ev.best.missing+1e-9 || siblingRows(ev.best, c) {
			continue
		}
		alt := ev
		alt.best = c
		if !alt.answers() {
			continue
		}
		runner, found = c, true
	}
	return runner, found
}

// siblingRows reports whether a and b are rows of one passage's table: the
// best row matched the question's item, another row is another item.
func siblingRows(a, b candidate) bool {
	isRow := func(c candidate) bool { return c.rank != nil && c.rank[rfRow] == 1 }
	return a.hit == b.hit && isRow(a) && isRow(b)
}

// namesSomething reports whether the question terms say what is asked
// about: a weighted word, a name, or a word of the turn it follows. "What
// time is it?" and "What is it called?" (without a turn before) have only
// words about the asking, which every dated or named sentence would match.
func namesSomething(q []queryTerm) bool {
	return slices.ContainsFunc(q, func(qt queryTerm) bool { return qt.weight > 0 || qt.entity || qt.context })
}

// Sentence is the best sentence found, or "".
func (e Evaluation) Sentence() string { return e.best.text }

// strongCoverage is the coverage at which a dated or numbered sentence may
// answer a when or how-many question without its verb.
const strongCoverage = 0.75

// followUpWeight is how much the previous turn's terms count when a
// follow-up ("How did they respond to it?") is read with it.
const followUpWeight = 0.5

// Evaluate reads the passages for the question and returns the best
// sentence with the evidence for it.
func (a *Answerer) Evaluate(question string, history []answer.Turn, hits []retrieval.Hit) Evaluation {
	inCorpus := func(t string) bool { return a.stats.DocFreq(t) > 0 }
	qterms := questionTerms(question, a.stats.IDF, inCorpus, a.maxIDF)
	var fu answer.FollowUp
	if len(history) > 0 {
		fu = answer.ResolveFollowUp(question, history)
	}
	if fu.IsFollowUp {
		have := map[string]bool{}
		for _, qt := range qterms {
			have[qt.term] = true
		}
		context := fu.Context
		if !a.features.FollowUps {
			context = history[len(history)-1].Question
		}
		// Names in the context are names wherever they stand ("Elena
		// Markovic" opens it).
		names := entityTerms("_ " + context)
		for _, qt := range questionTerms(context, a.stats.IDF, inCorpus, a.maxIDF) {
			qt.entity = qt.entity || names[qt.term]
			if !have[qt.term] {
				qt.weight *= followUpWeight
				qt.context = a.features.FollowUps
				qterms = append(qterms, qt)
				have[qt.term] = true
			}
		}
	}
	k := classify(question)
	if k == kindOther && fu.IsFollowUp && a.features.FollowUps && fu.Elliptical {
		// "And after ten years?" asks what the question before it asked.
		k = classify(history[len(history)-1].Question)
	}
	ev := Evaluation{kind: k}
	// The names a follow-up borrows are not new: "Who replaced her?"
	// after a question about Hannah Okoro is not answered by "Okoro".
	asked := question
	if fu.IsFollowUp && a.features.FollowUps {
		asked += " " + fu.Context
	}
	if !namesSomething(qterms) {
		return ev
	}
	expansions := a.expansions(qterms)
	want := wantedBy(question)
	if want.dim == nil && k != kindOther && fu.IsFollowUp && a.features.FollowUps && fu.Elliptical {
		want.dim = dimensionOf(history[len(history)-1].Question) // "And the other one?"
	}
	// A sentence answers with names the question and the turn it follows
	// do not give.
	wantAsked := want
	wantAsked.names = asked
	askedOrdinals := ordinals(asked)
	askedYears := years(question)
	opposites := a.oppositesOf(qterms)
	focus := focusTerms(question)
	var totalWeight, unseen float64
	for _, qt := range qterms {
		if !qt.optional {
			totalWeight += qt.weight
		}
		if !qt.inCorpus && !qt.cue {
			unseen += qt.weight
		}
	}
	prevCited := map[string]bool{}
	prevDocs := map[string]bool{}
	if fu.IsFollowUp && a.features.FollowUps {
		for _, id := range history[len(history)-1].Cited {
			prevCited[id] = true
			prevDocs[corpus.SourceOf(id)] = true
		}
	}
	// A follow-up that points back reads the documents the previous
	// answer cited, when the passages retrieved include any of them:
	// "who took over from him?" after a football club's first manager is
	// not answered from a cookery school's history of its kitchen.
	onlyPrev := false
	for i, h := range hits {
		if i < a.maxPassages && prevDocs[h.Source] {
			onlyPrev = true
		}
	}
	prevAnswer := ""
	if len(history) > 0 {
		prevAnswer = history[len(history)-1].Answer
	}
	var best candidate
	found := false
	second := math.Inf(-1)
	var scores []float64
	// all are the candidates scored, for the runner-up; top the best score
	// of each passage read, for the passages' order.
	var all []candidate
	top := make([]float64, len(hits))
	for i := range top {
		top[i] = math.Inf(-1)
	}
	ev.nearest = make([]string, len(hits))
	// read collects the terms of every passage read, for absentShare.
	read := map[string]bool{}
	for i, h := range hits {
		if i >= a.maxPassages {
			break
		}
		if onlyPrev && !prevDocs[h.Source] {
			continue
		}
		us := units(h.IndexText())
		sets := make([]map[string]bool, len(us))
		for j, u := range us {
			// A row is quoted with its header's labels, so they are its
			// words too: "Calibration interval: 12 months".
			sets[j] = termSet(u.text + " " + u.header)
		}
		title := termSet(h.Heading())
		passage := maps.Clone(title)
		for _, set := range sets {
			maps.Copy(passage, set)
		}
		maps.Copy(read, passage)
		prior := 0.15 * h.Score / max(hits[0].Score, 1e-9)
		consider := func(c candidate) {
			scores = append(scores, c.score)
			if c.score > top[c.hit] {
				top[c.hit] = c.score
				ev.nearest[c.hit] = c.text
			}
			if a.features.RunnerUp && a.learned {
				all = append(all, c)
			}
			if a.trace != nil {
				a.trace(c)
			}
			if !found || c.score > best.score {
				if found {
					second = max(second, best.score)
				}
				best = c
				found = true
			} else {
				second = max(second, c.score)
			}
		}
		for j, u := range us {
			s := tidy(u.text)
			// A document's title is what it is about, not an answer:
			// "Halina Wroblewska-Arden (1908-1979)" opening a .txt file.
			if len(s) < 12 || s == strings.TrimSpace(h.Title) {
				continue
			}
			// Nor is a question, such as a FAQ's or a subheading's: "How
			// fast do glaciers move?" answers nothing.
			if asksSomething(s) && u.header == "" {
				continue
			}
			// Nor is a heading in capitals: "DONORS AND SUPPORTERS".
			if capsHeading(s) {
				continue
			}
			// Terms of the neighbouring sentences, of the document's title
			// and of a row's header count half: "It was first lit in
			// 1874." needs the title or the sentence before it to say what
			// "it" is.
			near := nearTerms(title, sets, j)
			if u.context != "" {
				for t := range termSet(u.context) {
					near[t] = true
				}
			}
			sc := scoring{qterms: qterms, exp: expansions, kind: k, question: asked, want: wantAsked, ordinals: askedOrdinals, years: askedYears, opposites: opposites, focus: focus,
				prior: prior, rank: float64(i) / 4, near: near, totalWeight: totalWeight, unseen: unseen, passage: passage}
			scored := s
			if u.header != "" {
				scored = s + " " + u.header // the words it is quoted with
			}
			c, ok := a.score(sc, scored, sets[j], s)
			if !ok {
				continue
			}
			c.hit = i
			if u.header != "" {
				c.text = quoteRow(s, u.header)
				c.set(rfRow, 1)
			} else if j > 0 && leansBack(s) && us[j-1].header == "" {
				c.text = tidy(us[j-1].text) + " " + s
			}
			if len(prevCited) > 0 {
				if prevCited[h.ID] {
					if c.rank != nil {
						c.set(rfPreviousPassage, 1)
					} else {
						c.score += prevCitedBonus
					}
				}
				if prevAnswer != "" && strings.Contains(prevAnswer, c.text) {
					if c.rank != nil {
						c.set(rfRepeats, 1) // a follow-up asks something new
					} else {
						c.score -= 0.2
					}
				}
			}
			consider(c)
			// A sentence that matches the question but lacks the kind of
			// answer asked for, followed by one that has it, answers as a
			// pair: "CVE-2024-1: … read other users' keys. Reported by Elena
			// Markovic." for "Who reported CVE-2024-1?".
			if a.features.Types && c.fit < 1 && k != kindOther && k != kindYesNo && j+1 < len(us) && u.header == "" && us[j+1].header == "" {
				next := tidy(us[j+1].text)
				if fitWanted(k, next, want) > c.fit {
					union := make(map[string]bool, len(sets[j])+len(sets[j+1]))
					for t := range sets[j] {
						union[t] = true
					}
					for t := range sets[j+1] {
						union[t] = true
					}
					sc.near = nearTerms(title, sets, j)
					pair, ok := a.score(sc, c.text+" "+next, union, next)
					if ok {
						pair.hit = i
						// The year asked about must be the matching
						// sentence's, not only the next one's.
						pair.yearConflict = c.yearConflict
						if pair.rank != nil {
							pair.set(rfPair, 1)
						} else {
							pair.score -= pairPenalty
						}
						consider(pair)
					}
				}
			}
		}
	}
	ev.best, ev.ok = best, found
	if !found {
		return ev
	}
	for i, sc := range top {
		if !math.IsInf(sc, -1) {
			ev.order = append(ev.order, i)
		}
	}
	slices.SortStableFunc(ev.order, func(i, j int) int { return cmp.Compare(top[j], top[i]) })
	ev.second = second
	// The share of the ranking's softmax on the best sentence: how much it
	// stands out from everything else the passages offer.
	var z float64
	for _, sc := range scores {
		z += math.Exp(sc - best.score)
	}
	ev.share = 1 / z
	if math.IsInf(second, -1) {
		ev.second = best.score - 0.5
	}
	ev.absent = absentShare(qterms, expansions, read)
	for _, qt := range qterms {
		if !qt.context && !qt.inCorpus && isNumber(qt.term) && !eitherOrRe.MatchString(question) && !firstPersonRe.MatchString(question) {
			ev.unknownNumber = true
		}
	}
	ev.unknownIdent = a.features.Identifiers && unknownIdentifier(question, hits[:min(len(hits), a.maxPassages)])
	if len(all) > 1 {
		ev.runner, ev.hasRunner = runnerUp(ev, all)
	}
	ev.Features = features(ev, hits)
	if a.features.Confidence {
		ev.Confidence = confidence(ev.Features)
	} else {
		ev.Confidence = best.coverage
	}
	return ev
}

// scoring is what scoring a sentence needs to know of the question.
type scoring struct {
	qterms      []queryTerm
	exp         [][]Relation
	kind        kind
	question    string
	want        wanted          // what the answer must offer, see wantedBy
	ordinals    map[string]bool // the question's, see ordinalConflict
	years       map[string]bool // the question's, see yearConflict
	opposites   [][]string      // per question term, see oppositesOf
	focus       focusPhrase
	prior       float64
	rank        float64 // the passage's rank, 0 (first) to 1 (fifth)
	near        map[string]bool
	totalWeight float64
	unseen      float64
	// passage is the terms of the whole passage and its title.
	passage map[string]bool
}

// prevCitedBonus favours, for a follow-up, the passage the previous answer
// cited: "When did he die?" after "When did Osei Finch retire?" is most
// likely answered next to the retirement.
const prevCitedBonus = 0.1

// collisionCredit is what a stem shared by different words earns: nothing,
// as the words mean different things ("important", "imported").
const collisionCredit = 0

// derivationCredit is what a word made from the question's by a
// derivational ending earns ("retirement" for "retire"): the same thing
// asked about, in another part of speech.
const derivationCredit = 0.9

// pairPenalty makes a single sentence win over a pair that scores alike.
const pairPenalty = 0.05

// score grades text (with its terms) as an answer; offer is the part of it
// that must offer the kind of answer asked for. ok is false when the text
// cannot answer (a percentage question without a percentage).
func (a *Answerer) score(sc scoring, text string, terms map[string]bool, offer string) (candidate, bool) {
	k := sc.kind
	if k == kindPercent && !mentionsPercent(offer) {
		return candidate{}, false
	}
	surf := termSurfaces(text)
	m := a.match(sc.qterms, sc.exp, terms, sc.near, sc.passage, surf)
	fitv := fitWanted(k, offer, sc.want)
	fits := fitv > 0 && (k != kindMoney || fitv >= 0.5)
	// A sentence should match what is asked about, not only the names —
	// unless it is a date or an amount next to nearly all of the
	// question: "the Treaty of Saint Petersburg (1881)" answers "When was
	// the Treaty of Saint Petersburg signed?".
	predicate := m.predicate || mustFit(k) && fits && m.coverage >= strongCoverage
	// …and the names, when the question names things the documents know:
	// "After the fall of the rebellion …" does not answer "When did the
	// Kazakh Khanate fall?".
	named := matchesNames(sc.qterms, terms, sc.near)
	// A name elsewhere in the passage is weaker evidence: "The company
	// went bankrupt in 1889" three sentences after its founder is named.
	passageNamed := named || matchesNames(sc.qterms, terms, sc.passage)
	focus := a.hasFocus(sc.focus, terms)
	score := m.coverage + sc.prior + cueBonus(sc.qterms, terms)
	if !focus {
		score -= focusPenalty
	}
	if !predicate {
		score -= predicatePenalty
	}
	switch {
	case !passageNamed:
		score -= namesPenalty
	case !named:
		score -= namesPenalty / 2
	}
	if k != kindOther {
		if a.features.Types || mustFit(k) {
			score += 0.25*fitv - 0.1
		} else if fits {
			score += 0.15
		} else {
			score -= 0.1
		}
	}
	surface := 0.0
	if a.features.Surface {
		surface = surfaceShare(sc.qterms, text)
		score += 0.06 * surface
	}
	fitv2, required := fitv, 0.0
	if !a.features.Types && !mustFit(k) {
		fitv2 = 1
	}
	if mustFit(k) {
		required = fitv
	}
	dateExact := 0.0
	if k == kindWhen || k == kindYear {
		dateExact = dateStrength(offer)
	}
	words := float64(len(strings.Fields(text)))
	everyName := allNamed(sc.qterms, sc.exp, terms, sc.near)
	rf := []float64{m.coverage, m.predicateCov, m.entityCov, fitv2, required,
		bool01(predicate), bool01(named), bool01(passageNamed), bool01(focus), sc.prior, sc.rank, surface,
		cueBonus(sc.qterms, terms) / 0.15, min(words, 60) / 60, 0, 0, 0, 0, m.lexical, dateExact,
		bool01(everyName)}
	if a.learned {
		score = 0
		for i, v := range rf {
			score += rankWeights[i] * v
		}
	} else {
		rf = nil
	}
	return candidate{text: text, coverage: m.coverage, fit: fitv, score: score, fits: fits, ordinalConflict: ordinalConflict(sc.ordinals, text), yearConflict: yearConflict(sc.years, text), opposed: opposedBy(sc.qterms, sc.opposites, terms),
		missing: m.missing / max(sc.totalWeight, 1e-9), nameMissing: m.nameMissing / max(sc.totalWeight, 1e-9), unseen: sc.unseen / max(sc.totalWeight+sc.unseen, 1e-9),
		surface: surface, predicate: predicate, named: named, focus: focus, allNamed: everyName, rank: rf}, true
}

// absentShare is the weight share of the question's own (not borrowed,
// not cue) ordinary words that none of the passages has, neither the word
// nor a related one.
// all holds the terms of every passage read and of its heading.
func absentShare(q []queryTerm, exp [][]Relation, all map[string]bool) float64 {
	var absent, total float64
	for i, qt := range q {
		if qt.entity || qt.cue || qt.context || qt.optional || qt.weight == 0 {
			continue
		}
		total += qt.weight
		if all[qt.term] || prefixMatch(qt.term, all) {
			continue
		}
		found := false
		if exp != nil {
			for _, r := range exp[i] {
				if !r.Loose && hasAllExact(r.Terms, all) {
					found = true
					break
				}
			}
		}
		if !found {
			absent += qt.weight
		}
	}
	if total == 0 {
		return 0
	}
	return absent / total
}

// nearTerms is the union of the title's terms and those of the sentences
// either side of sentence j.
func nearTerms(title map[string]bool, sets []map[string]bool, j int) map[string]bool {
	near := make(map[string]bool, len(title)+16)
	for t := range title {
		near[t] = true
	}
	for _, n := range []int{j - 1, j + 1} {
		if n >= 0 && n < len(sets) {
			for t := range sets[n] {
				near[t] = true
			}
		}
	}
	return near
}

// firstPersonRe finds a question about the asker's own case ("I want to
// sell a cello worth 2,500 QC, do I need any paperwork?"), whose numbers
// are the asker's, not ones the documents must have.
var firstPersonRe = regexp.MustCompile(`(?i)\b(i|i'm|i've|my|me|we|our)\b`)

// cited is a quoted unit with its citation marker: after it, or, when it
// is a lead-in with its code block or steps, after the lead-in, so that a
// block's closing fence stays alone on its line (Markdown, Discord).
func cited(text string, n int) string {
	marker := " [" + strconv.Itoa(n) + "]"
	if i := strings.Index(text, "\n"); i >= 0 && strings.HasSuffix(strings.TrimSpace(text[:i]), ":") {
		return text[:i] + marker + text[i:]
	}
	return text + marker
}

// joint is what goes between an answer's text so far and the next quote:
// a space, or a line break after a quote of several lines.
func joint(text string) string {
	if strings.Contains(text, "\n") {
		return "\n"
	}
	return " "
}
