package feedback

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Report is what the feedback since a time says.
type Report struct {
	Since      time.Time    `json:"since"`
	Answers    int          `json:"answers"`
	Abstained  int          `json:"abstained"`
	Up         int          `json:"up"`
	Down       int          `json:"down"`
	Downvoted  []Downvoted  `json:"downvoted"`
	Unanswered []Unanswered `json:"unanswered"`
}

// Downvoted is an answer at least one user voted down (by their latest vote).
type Downvoted struct {
	AnswerID  string    `json:"answer_id"`
	Question  string    `json:"question"`
	Answer    string    `json:"answer"`
	Citations []string  `json:"citations"`
	Backend   string    `json:"backend"`
	Down      int       `json:"down"`
	Up        int       `json:"up"`
	At        time.Time `json:"at"`
}

// Unanswered is a question the bot abstained on, with how often it was asked.
type Unanswered struct {
	Question string    `json:"question"`
	Count    int       `json:"count"`
	Last     time.Time `json:"last"`
}

// Report summarises the answers and votes since since: counts, the answers
// voted down (most down votes first) and the most frequent unanswered
// questions, each list at most limit long.
func (s *Store) Report(ctx context.Context, since time.Time, limit int) (Report, error) {
	r := Report{Since: since, Downvoted: []Downvoted{}, Unanswered: []Unanswered{}}
	ms := since.UnixMilli()
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(abstained), 0) FROM answers WHERE at >= ?`, ms).Scan(&r.Answers, &r.Abstained)
	if err != nil {
		return r, fmt.Errorf("feedback: count answers: %w", err)
	}
	err = s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(up), 0), COALESCE(SUM(1 - up), 0) FROM votes WHERE at >= ?`, ms).Scan(&r.Up, &r.Down)
	if err != nil {
		return r, fmt.Errorf("feedback: count votes: %w", err)
	}

	rows, err := s.db.QueryContext(ctx, `SELECT v.answer_id, COALESCE(a.question, ''), COALESCE(a.answer, ''), COALESCE(a.citations, '[]'),
			COALESCE(a.backend, ''), SUM(1 - v.up), SUM(v.up), MAX(v.at)
		FROM votes v LEFT JOIN answers a ON a.id = v.answer_id
		WHERE v.at >= ?
		GROUP BY v.answer_id HAVING SUM(1 - v.up) > 0
		ORDER BY SUM(1 - v.up) DESC, MAX(v.at) DESC LIMIT ?`, ms, limit)
	if err != nil {
		return r, fmt.Errorf("feedback: down-voted answers: %w", err)
	}
	for rows.Next() {
		var d Downvoted
		var cites string
		var at int64
		if err := rows.Scan(&d.AnswerID, &d.Question, &d.Answer, &cites, &d.Backend, &d.Down, &d.Up, &at); err != nil {
			rows.Close()
			return r, fmt.Errorf("feedback: down-voted answers: %w", err)
		}
		if err := json.Unmarshal([]byte(cites), &d.Citations); err != nil || d.Citations == nil {
			d.Citations = []string{}
		}
		d.At = time.UnixMilli(at).UTC()
		r.Downvoted = append(r.Downvoted, d)
	}
	if err := rows.Close(); err != nil {
		return r, fmt.Errorf("feedback: down-voted answers: %w", err)
	}

	// Repeats are counted on folded questions, in Go: SQLite's lower() is
	// ASCII only.
	rows, err = s.db.QueryContext(ctx, `SELECT question, at FROM answers WHERE abstained = 1 AND at >= ?`, ms)
	if err != nil {
		return r, fmt.Errorf("feedback: unanswered questions: %w", err)
	}
	byKey := map[string]*Unanswered{}
	for rows.Next() {
		var q string
		var at int64
		if err := rows.Scan(&q, &at); err != nil {
			rows.Close()
			return r, fmt.Errorf("feedback: unanswered questions: %w", err)
		}
		key := normalQuestion(q)
		u := byKey[key]
		if u == nil {
			u = &Unanswered{Question: q}
			byKey[key] = u
		}
		u.Count++
		if t := time.UnixMilli(at).UTC(); t.After(u.Last) {
			u.Last, u.Question = t, q
		}
	}
	if err := rows.Close(); err != nil {
		return r, fmt.Errorf("feedback: unanswered questions: %w", err)
	}
	for _, u := range byKey {
		r.Unanswered = append(r.Unanswered, *u)
	}
	sort.Slice(r.Unanswered, func(i, j int) bool {
		a, b := r.Unanswered[i], r.Unanswered[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Last.After(b.Last)
	})
	if len(r.Unanswered) > limit {
		r.Unanswered = r.Unanswered[:limit]
	}
	return r, nil
}
