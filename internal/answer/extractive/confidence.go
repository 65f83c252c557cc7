package extractive

import (
	"math"

	"github.com/citebot/citebot/retrieval"
)

// CoverageThreshold is the first version's rule, kept for measurement
// (Features.Confidence off): abstain when the best sentence covers less
// than this weighted share of the question's terms.
const CoverageThreshold = 0.40

// FeatureNames names the confidence model's inputs, in order.
var FeatureNames = []string{"coverage", "fit", "missing", "unseen", "margin", "passage_score", "rank", "surface", "must_fit", "predicate", "named", "focus",
	"ranking_score", "ranking_share", "predicate_coverage", "entity_coverage", "absent", "name_missing", "all_named",
	"asks_who", "asks_when", "asks_amount", "asks_reason", "asks_place_or_name", "asks_yes_no",
	"who_predicate", "when_predicate"}

// FeatureSigns say which way each feature may move the confidence: +1
// only up (more coverage is never evidence against an answer), -1 only
// down (a missing name is never evidence for it), 0 either way (the answer
// type and whether it must fit). The fit keeps to them, so that the model
// stays one a reader can defend on text it has not seen.
var FeatureSigns = []float64{
	+1, +1, -1, -1, +1, +1, -1, +1, 0, +1, +1, +1, // coverage … focus
	+1, +1, +1, +1, -1, -1, +1, // ranking_score … all_named
	0, 0, 0, 0, 0, 0, // asks_*
	+1, +1, // who_predicate, when_predicate
}

// features are the evidence for the best sentence, combined by the
// confidence model: how much of the question it covers (lexicon
// included), how well it offers the kind of answer asked for, the heaviest
// question term it lacks, how much of the question no document mentions,
// its lead over the next best sentence, its passage's retrieval score and
// rank, and how many of the question's own words it repeats.
func features(ev Evaluation, hits []retrieval.Hit) []float64 {
	b := ev.best
	score := 0.0
	if b.hit < len(hits) && len(hits) > 0 && hits[0].Score > 0 {
		score = hits[b.hit].Score / hits[0].Score
	}
	mf := 0.0
	if mustFit(ev.kind) {
		mf = 1
	}
	return []float64{
		b.coverage,
		b.fit,
		b.missing,
		b.unseen,
		math.Min(b.score-ev.second, 1),
		score,
		float64(b.hit) / 4,
		b.surface,
		mf,
		bool01(b.predicate),
		bool01(b.named),
		bool01(b.focus),
		b.score,
		ev.share,
		at(b.rank, 1),
		at(b.rank, 2),
		ev.absent,
		b.nameMissing,
		at(b.rank, 20),
		kindIs(ev.kind, kindWho),
		kindIs(ev.kind, kindWhen, kindYear),
		kindIs(ev.kind, kindDuration, kindMoney, kindPercent, kindCount, kindQuantity),
		kindIs(ev.kind, kindReason),
		kindIs(ev.kind, kindWhere, kindOrg, kindName, kindVersion),
		kindIs(ev.kind, kindYesNo),
		// "Who founded X?" and "When did X fall?" ask about the verb: a
		// sentence about X that lacks it names someone or some date, but
		// not the one asked for.
		kindIs(ev.kind, kindWho) * at(b.rank, 1),
		kindIs(ev.kind, kindWhen, kindYear) * at(b.rank, 1),
	}
}

// confidence is the fitted logistic model: the estimated probability that
// the best sentence answers the question.
func confidence(x []float64) float64 {
	z := confidenceWeights[0]
	for i, v := range x {
		z += confidenceWeights[i+1] * v
	}
	return 1 / (1 + math.Exp(-z))
}

func bool01(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func at(x []float64, i int) float64 {
	if i < len(x) {
		return x[i]
	}
	return 0
}

// kindIs is 1 when k is one of ks: the answer type, so that the model can
// learn how sure each kind of question is at the same evidence.
func kindIs(k kind, ks ...kind) float64 {
	for _, x := range ks {
		if k == x {
			return 1
		}
	}
	return 0
}
