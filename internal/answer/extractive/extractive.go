// Package extractive answers questions with sentences copied from the
// retrieved passages: no model, no network, and no word that is not in the
// documents.
package extractive

import (
	"context"
	"maps"
	"math"
	"regexp"
	"strings"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/lexicon"
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
}

// AllFeatures has every measure on: the default.
var AllFeatures = Features{Types: true, Surface: true, FollowUps: true, Confidence: true, Lexicon: true, Learned: true, Neighbours: true}

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
	} else {
		hit := req.Passages[ev.best.hit]
		ans = answer.Answer{
			Text:      ev.best.text + " [1]",
			Backend:   Backend,
			Citations: []answer.Citation{{N: 1, Hit: hit, Quote: ev.best.text}},
		}
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
	// absent is the weight share of the question's ordinary words that no
	// passage read has, in any related form: "When was she born?" where
	// no passage says "born" or "birth".
	absent float64
	// unknownNumber is true when the question gives a number (a year, an
	// amount) that no passage of the corpus has: "What was the trade
	// turnover in 2022?" of documents that never mention 2022.
	unknownNumber bool
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
// is "the first dialogue" answered by a sentence about the second, nor a
// question about a year (or another number) the documents never mention.
func (e Evaluation) answers() bool {
	b := e.best
	return e.ok && (!mustFit(e.kind) || b.fits) && b.focus && b.predicate && b.allNamed && !b.ordinalConflict && !e.unknownNumber
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
	if len(qterms) == 0 {
		return ev
	}
	expansions := a.expansions(qterms)
	dim := dimensionOf(question)
	if dim == nil && k != kindOther && fu.IsFollowUp && a.features.FollowUps && fu.Elliptical {
		dim = dimensionOf(history[len(history)-1].Question) // "And the other one?"
	}
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
	if fu.IsFollowUp && a.features.FollowUps {
		for _, id := range history[len(history)-1].Cited {
			prevCited[id] = true
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
	// read collects the terms of every passage read, for absentShare.
	read := map[string]bool{}
	for i, h := range hits {
		if i >= a.maxPassages {
			break
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
			sc := scoring{qterms: qterms, exp: expansions, kind: k, question: asked, dim: dim, focus: focus,
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
				if fitDim(k, next, question, dim) > c.fit {
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
		if !qt.context && !qt.inCorpus && isNumber(qt.term) {
			ev.unknownNumber = true
		}
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
	dim         *regexp.Regexp // the units asked for, see dimensionOf
	focus       []string
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
	fitv := fitDim(k, offer, sc.question, sc.dim)
	fits := fitv > 0
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
	return candidate{text: text, coverage: m.coverage, fit: fitv, score: score, fits: fits, ordinalConflict: ordinalConflict(sc.question, text),
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

// derivationFactor discounts derivations against synonyms.
const derivationFactor = 0.6

// neighbourFactor discounts a distributional neighbour's cosine: words
// used alike are weaker evidence than synonyms.
const neighbourFactor = 0.9

// lexiconRelated adapts internal/lexicon: synonyms, derivations,
// irregular forms and places at their weights, and, when neighbours is
// true, words used in the same contexts as loose relations; hypernyms
// ("price" → "value") are too loose to cover a question's word and are
// left out.
func lexiconRelated(neighbours bool) Related {
	return func(terms ...string) []Relation { return lexiconRelations(neighbours, terms) }
}

func lexiconRelations(neighbours bool, terms []string) []Relation {
	var rs []lexicon.Relation
	if len(terms) == 1 {
		rs = lexicon.Related(terms[0])
	} else {
		rs = lexicon.RelatedPhrase(terms)
	}
	out := make([]Relation, 0, len(rs))
	for _, r := range rs {
		if r.Kind == lexicon.Hypernym {
			continue
		}
		if r.Kind == lexicon.Neighbour {
			if neighbours {
				out = append(out, Relation{Terms: r.Terms, Weight: neighbourFactor * float64(r.Weight), Loose: true})
			}
			continue
		}
		w := float64(r.Weight)
		if r.Kind == lexicon.Derivation {
			// A derivation changes the part of speech and often the sense:
			// "foundations" of a relationship did not "found" a khanate.
			w *= derivationFactor
		}
		out = append(out, Relation{Terms: r.Terms, Weight: w})
		// One step further by form only: "pass away" → "die" → "death".
		if len(r.Terms) == 1 {
			for _, r2 := range lexicon.Related(r.Terms[0]) {
				if r2.Kind == lexicon.Derivation || r2.Kind == lexicon.Inflection {
					out = append(out, Relation{Terms: r2.Terms, Weight: float64(r.Weight * r2.Weight)})
				}
			}
		}
	}
	return out
}

// hasFocus reports whether a sentence has the thing a "What is the X of
// Y?" question asks for, the word itself or a related one.
func (a *Answerer) hasFocus(focus []string, terms map[string]bool) bool {
	for _, t := range focus {
		if terms[t] || prefixMatch(t, terms) {
			continue
		}
		ok := false
		if a.related != nil {
			// Not a word merely used alike: "growth" is no GDP.
			for _, r := range a.related(t) {
				if !r.Loose && hasAllExact(r.Terms, terms) {
					ok = true
					break
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// expansions looks up the related words of each question term once per
// question.
func (a *Answerer) expansions(q []queryTerm) [][]Relation {
	if a.related == nil {
		return nil
	}
	out := make([][]Relation, len(q))
	for i, qt := range q {
		if qt.cue {
			continue
		}
		// Names too: Beijing stands for China, Peking is Beijing; but a
		// name's neighbours only when they are its other forms: "Chinese"
		// for China, not Japan.
		for _, r := range a.related(qt.term) {
			if !qt.entity || !r.Loose || len(r.Terms) == 1 && commonPrefix(r.Terms[0], qt.term) >= 4 {
				out[i] = append(out[i], r)
			}
		}
		if qt.entity {
			continue
		}
		// A two-word phrase ("pass away") may have relations its words
		// lack ("die", "death"): they cover both words.
		if i+1 < len(q) && !q[i+1].cue && !q[i+1].entity && !qt.context && !q[i+1].context {
			if rs := a.related(qt.term, q[i+1].term); len(rs) > 0 {
				out[i] = append(out[i], rs...)
				out[i+1] = append(out[i+1], rs...)
			}
		}
	}
	return out
}

// termMatch is how a sentence covers a question.
type termMatch struct {
	coverage float64
	// predicate is true when the sentence has one of the question's
	// ordinary words (not names or numbers), or the question has none.
	predicate bool
	// missing is the weight of the heaviest question term the sentence,
	// its neighbours and its title all lack.
	missing float64
	// predicateCov and entityCov are the coverage of the question's
	// ordinary words and of its names and numbers apart; lexical the
	// share of the coverage that related words earned.
	predicateCov, entityCov, lexical float64
	// nameMissing is the weight of the heaviest name of the question
	// that neither the sentence nor its neighbours have.
	nameMissing float64
}

// relatedCredit is how much of a term's weight a related word earns, at
// relation weight 1: a synonym is evidence, but weaker than the word.
const relatedCredit = 0.8

// match scores a sentence against the question terms. A term counts fully
// when the sentence has it; at relatedCredit × the relation's weight when it
// has a related word; half when only a neighbouring sentence or the title
// has it, when a sentence word shares a long prefix with it ("reconquered"
// and "reconquest"), or, for a name, when the passage names it elsewhere:
// the names say which passage, the other words which of its sentences.
func (a *Answerer) match(q []queryTerm, exp [][]Relation, terms, near, passage map[string]bool, surf map[string][]string) termMatch {
	var got, total, pGot, pTotal, eGot, eTotal, lex float64
	m := termMatch{}
	anyPredicate := false
	for i, qt := range q {
		credit := 0.0
		byLexicon := false
		switch {
		case terms[qt.term] && (!a.features.Surface || surf == nil || sameWord(qt.surface, surf[qt.term])):
			credit = 1
		case terms[qt.term]:
			// The stem matches but the words differ beyond inflection:
			// Snowball makes "important" and "imported" both "import".
			credit = collisionCredit
		case qt.optional:
			continue // neither for nor against
		default:
			if exp != nil {
				for _, r := range exp[i] {
					if hasAllExact(r.Terms, terms) && relatedCredit*r.Weight > credit {
						credit = relatedCredit * r.Weight
						byLexicon = true
					}
				}
			}
			if (near[qt.term] || prefixMatch(qt.term, terms) || againMatch(qt.term, terms) || qt.entity && passage[qt.term]) && credit < 0.5 {
				credit = 0.5
				byLexicon = false
			}
		}
		if !qt.entity && qt.weight > 0 {
			// A follow-up's own words are often generic ("Why did he
			// quit?"): the earlier turn's words it points back to say what
			// is asked about too.
			if credit >= 0.5 {
				m.predicate = true
			}
			if !qt.context {
				anyPredicate = anyPredicate || !qt.optional
			}
		}
		if credit == 0 && !qt.cue && !qt.context {
			m.missing = max(m.missing, qt.weight)
		}
		if qt.entity && qt.inCorpus && !qt.context && !terms[qt.term] && !near[qt.term] {
			// A name the question gives that the sentence's surroundings
			// lack: "the Suez Canal" is not answered about the Canal Zone.
			m.nameMissing = max(m.nameMissing, qt.weight)
		}
		if qt.context && qt.entity {
			// A name the follow-up points back to ("she" for Elena
			// Markovic) is what the question is about.
			got += qt.weight * credit
			total += qt.weight
			continue
		}
		if qt.context {
			// Other words of an earlier turn help a sentence that has
			// them and cost nothing to one that doesn't.
			if credit > 0 {
				got += qt.weight * credit
				total += qt.weight * credit
			}
			continue
		}
		got += qt.weight * credit
		total += qt.weight
		if byLexicon {
			lex += qt.weight * credit
		}
		if qt.entity {
			eGot += qt.weight * credit
			eTotal += qt.weight
		} else {
			pGot += qt.weight * credit
			pTotal += qt.weight
		}
	}
	if !anyPredicate {
		m.predicate = true
	}
	if total > 0 {
		m.coverage = got / total
		m.lexical = lex / total
	}
	m.predicateCov, m.entityCov = 1, 1
	if pTotal > 0 {
		m.predicateCov = pGot / pTotal
	}
	if eTotal > 0 {
		m.entityCov = eGot / eTotal
	}
	return m
}

// termSurfaces maps each term of s to the words of s that make it.
func termSurfaces(s string) map[string][]string {
	out := map[string][]string{}
	analysis.EachTerm(s, func(word, term string) {
		out[term] = append(out[term], word)
	})
	return out
}

// inflections are the endings that change a word's form but not its
// meaning: "founded", "founding" and "found" are one word; "important" and
// "imported" are not, though Snowball stems both to "import".
var inflections = []string{"ings", "ing", "ers", "est", "ies", "ied", "ed", "es", "er", "ly", "s", "d", "e", "y"}

// base strips the longest inflectional ending that leaves 3 letters.
func base(w string) string {
	for _, suf := range inflections {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// sameWord reports whether q and one of ws are forms of one word.
func sameWord(q string, ws []string) bool {
	bq := base(q)
	for _, w := range ws {
		if w == q {
			return true
		}
		bw := base(w)
		if bw == bq {
			return true
		}
		// A doubled consonant or a dropped e: "stopped"/"stop", "making"/"make".
		short, long := bq, bw
		if len(short) > len(long) {
			short, long = long, short
		}
		if strings.HasPrefix(long, short) && len(long)-len(short) <= 1 {
			return true
		}
	}
	return false
}

// surfaceShare is the share of the question's content words that s has in
// the question's own form: of two sentences that match the stem "import",
// "important" in the question favours the one that says "important".
func surfaceShare(q []queryTerm, s string) float64 {
	words := map[string]bool{}
	for _, w := range analysis.Words(s) {
		words[w] = true
	}
	var got, total float64
	for _, qt := range q {
		if qt.weight == 0 || qt.context || qt.optional {
			continue
		}
		total += qt.weight
		if words[qt.surface] {
			got += qt.weight
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
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

// againMatch reports whether term is another term with "re-" in front or
// behind it: "recalibrated" and "calibration", "reopen" and "open".
func againMatch(term string, terms map[string]bool) bool {
	if len(term) >= 6 && strings.HasPrefix(term, "re") && (terms[term[2:]] || prefixMatch(term[2:], terms)) {
		return true
	}
	for t := range terms {
		if len(t) >= 6 && strings.HasPrefix(t, "re") && (t[2:] == term || len(term) >= 6 && commonPrefix(t[2:], term) >= 6) {
			return true
		}
	}
	return false
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

// allNamed reports whether the sentence or its surroundings have every
// name and number the question gives that the corpus knows (or a related
// one: Beijing for China): "When did China and Kyrgyzstan establish
// relations?" is not answered by a sentence about Kazakhstan.
func allNamed(q []queryTerm, exp [][]Relation, terms, near map[string]bool) bool {
	for i, qt := range q {
		if !qt.entity || !qt.inCorpus || qt.context {
			continue
		}
		if terms[qt.term] || near[qt.term] {
			continue
		}
		found := false
		if exp != nil {
			for _, r := range exp[i] {
				if hasAllExact(r.Terms, terms) || hasAllExact(r.Terms, near) {
					found = true
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func hasAllExact(want []string, terms map[string]bool) bool {
	if len(want) == 0 {
		return false
	}
	for _, t := range want {
		if !terms[t] {
			return false
		}
	}
	return true
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
