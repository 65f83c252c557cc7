// Package eval measures answer quality on a question set: retrieval recall
// and MRR against gold passages, answer hits, abstention on unanswerable
// questions, and latency.
package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// Question kinds. An empty kind is a factoid.
const (
	KindFactoid      = "factoid"
	KindFollowUp     = "followup"
	KindUnanswerable = "unanswerable"
)

// Question is one line of a question file (JSONL).
type Question struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Question string `json:"question"`
	// Gold are substrings of a passage that answers the question.
	Gold []string `json:"gold"`
	// AnswerAny are strings of which a good answer contains at least one.
	AnswerAny []string `json:"answer_any"`
	// History are the questions asked before this one in the same
	// conversation, oldest first; they are asked (and answered) first.
	History []string `json:"history,omitempty"`
}

// IsFollowUp reports whether the question is asked after others.
func (q Question) IsFollowUp() bool { return len(q.History) > 0 || q.Kind == KindFollowUp }

// Answerable reports whether the question expects an answer.
func (q Question) Answerable() bool { return q.Kind != KindUnanswerable }

// maxLine bounds one line of a question file.
const maxLine = 1 << 20

// ReadQuestions parses a JSONL question file. Blank lines and lines starting
// with "#" are skipped. A malformed line, a missing question, or a
// duplicate id is an error that names the line.
func ReadQuestions(r io.Reader) ([]Question, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	var qs []Question
	ids := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var q Question
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, fmt.Errorf("line %d: not a question object: %w", line, err)
		}
		if dec.More() {
			return nil, fmt.Errorf("line %d: more than one JSON value", line)
		}
		if strings.TrimSpace(q.Question) == "" {
			return nil, fmt.Errorf("line %d: question is empty", line)
		}
		switch q.Kind {
		case "", KindFactoid, KindFollowUp, KindUnanswerable:
		default:
			return nil, fmt.Errorf("line %d: unknown kind %q (want %s, %s or %s)", line, q.Kind, KindFactoid, KindFollowUp, KindUnanswerable)
		}
		if q.Kind == KindFollowUp && len(q.History) == 0 {
			return nil, fmt.Errorf("line %d: a followup needs a history of earlier questions", line)
		}
		for i, h := range q.History {
			if strings.TrimSpace(h) == "" {
				return nil, fmt.Errorf("line %d: history question %d is empty", line, i+1)
			}
		}
		if q.ID == "" {
			q.ID = fmt.Sprintf("line%d", line)
		}
		if prev, dup := ids[q.ID]; dup {
			return nil, fmt.Errorf("line %d: id %q already used on line %d", line, q.ID, prev)
		}
		ids[q.ID] = line
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("line %d: longer than %d bytes", line+1, maxLine)
		}
		return nil, err
	}
	if len(qs) == 0 {
		return nil, errors.New("no questions in the file")
	}
	return qs, nil
}

// Outcome is what happened to one question.
type Outcome struct {
	Question Question
	// Passages are the retrieved passages' texts in rank order.
	Passages  []string
	Answer    string
	Abstained bool
	// Closest are, on an abstention, the sentences quoted from the
	// passages that came nearest (answer.Answer.Closest).
	Closest []string
	Latency time.Duration
}

// ClosestHit reports whether an abstention's closest sentences contain one
// of AnswerAny: the refusal still showed the answer.
func (o Outcome) ClosestHit() bool {
	return o.Abstained && AnyContains(o.Closest, o.Question.AnswerAny)
}

// GoldRank is the 1-based rank of the first passage containing a gold
// substring (case and spacing ignored), or 0.
func (o Outcome) GoldRank() int {
	for i, p := range o.Passages {
		if containsAny(p, o.Question.Gold) {
			return i + 1
		}
	}
	return 0
}

// Reasons a question missed, from Outcome.Miss.
const (
	MissNotRetrieved = "not retrieved"
	MissAbstained    = "retrieved but abstained"
	MissOther        = "answered with another sentence"
	MissAnswered     = "answered an unanswerable question"
)

// Miss returns why the outcome is wrong, or "" when it is right. An
// answerable question without gold passages that abstained counts as
// abstained; one answered wrongly as another sentence.
func (o Outcome) Miss() string {
	if !o.Question.Answerable() {
		if o.Abstained {
			return ""
		}
		return MissAnswered
	}
	if o.AnswerHit() {
		return ""
	}
	if len(o.Question.Gold) > 0 && o.GoldRank() == 0 {
		return MissNotRetrieved
	}
	if o.Abstained {
		return MissAbstained
	}
	return MissOther
}

// AnswerHit reports whether the answer contains one of AnswerAny.
func (o Outcome) AnswerHit() bool {
	return !o.Abstained && containsAny(o.Answer, o.Question.AnswerAny)
}

// AnyContains reports whether one of texts contains one of subs, compared
// as GoldRank compares them.
func AnyContains(texts, subs []string) bool {
	for _, t := range texts {
		if containsAny(t, subs) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	s = normalize(s)
	for _, sub := range subs {
		if n := normalize(sub); n != "" && strings.Contains(s, n) {
			return true
		}
	}
	return false
}

func normalize(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// Summary holds the figures of a run.
type Summary struct {
	Questions    int `json:"questions"`
	Answerable   int `json:"answerable"`
	Unanswerable int `json:"unanswerable"`
	// Retrieval, over answerable questions with gold passages.
	RecallAt1 float64 `json:"recall_at_1"`
	RecallAt3 float64 `json:"recall_at_3"`
	RecallAt5 float64 `json:"recall_at_5"`
	MRR       float64 `json:"mrr"`
	// AnswerHit is the share of answerable questions whose answer contains
	// an expected string.
	AnswerHit float64 `json:"answer_hit"`
	// AbstentionRate is the share of unanswerable questions abstained on.
	AbstentionRate float64 `json:"abstention_rate"`
	// FalseAbstentionRate is the share of answerable questions abstained on.
	FalseAbstentionRate float64 `json:"false_abstention_rate"`
	// ClosestHit is the share of those false abstentions whose closest
	// sentences (Outcome.Closest) contain an expected string.
	ClosestHit   float64 `json:"closest_hit"`
	LatencyP50Ms float64 `json:"latency_p50_ms"`
	LatencyP95Ms float64 `json:"latency_p95_ms"`
	// FollowUps counts the questions asked after others; FollowUpHit is the
	// share of the answerable ones answered right.
	FollowUps   int     `json:"followups"`
	FollowUpHit float64 `json:"followup_answer_hit"`
	// Misses counts wrong outcomes by reason (see Outcome.Miss).
	Misses map[string]int `json:"misses"`
}

// Summarize computes the summary of outcomes. Rates over an empty group are 0.
func Summarize(outs []Outcome) Summary {
	var s Summary
	var withGold, r1, r3, r5, mrr, hits, abst, falseAbst, closest, fuAnswerable, fuHits float64
	var lat []time.Duration
	s.Misses = map[string]int{}
	for _, o := range outs {
		s.Questions++
		lat = append(lat, o.Latency)
		if m := o.Miss(); m != "" {
			s.Misses[m]++
		}
		if o.Question.IsFollowUp() {
			s.FollowUps++
			if o.Question.Answerable() {
				fuAnswerable++
				if o.AnswerHit() {
					fuHits++
				}
			}
		}
		if !o.Question.Answerable() {
			s.Unanswerable++
			if o.Abstained {
				abst++
			}
			continue
		}
		s.Answerable++
		if o.Abstained {
			falseAbst++
		}
		if o.ClosestHit() {
			closest++
		}
		if o.AnswerHit() {
			hits++
		}
		if len(o.Question.Gold) == 0 {
			continue
		}
		withGold++
		r := o.GoldRank()
		if r == 1 {
			r1++
		}
		if r >= 1 && r <= 3 {
			r3++
		}
		if r >= 1 && r <= 5 {
			r5++
		}
		if r >= 1 {
			mrr += 1 / float64(r)
		}
	}
	s.RecallAt1, s.RecallAt3, s.RecallAt5, s.MRR = ratio(r1, withGold), ratio(r3, withGold), ratio(r5, withGold), ratio(mrr, withGold)
	s.AnswerHit = ratio(hits, float64(s.Answerable))
	s.FalseAbstentionRate = ratio(falseAbst, float64(s.Answerable))
	s.ClosestHit = ratio(closest, falseAbst)
	s.AbstentionRate = ratio(abst, float64(s.Unanswerable))
	s.FollowUpHit = ratio(fuHits, fuAnswerable)
	s.LatencyP50Ms = percentile(lat, 0.50)
	s.LatencyP95Ms = percentile(lat, 0.95)
	return s
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// percentile is the nearest-rank percentile in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	i = max(0, min(i, len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}
