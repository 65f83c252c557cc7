package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/feedback"
)

type feedbackCmd struct {
	Since string `name:"since" default:"7d" help:"Only feedback this recent: 7d, 24h, 90m (0: all)." placeholder:"AGE"`
	Limit int    `name:"limit" default:"10" help:"At most N answers voted down and N unanswered questions." placeholder:"N"`
	JSON  bool   `name:"json" help:"Print one JSON object."`
}

// parseAge reads "7d", "24h", "90m" or "0".
func parseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100000 {
			return 0, fmt.Errorf("%q is not an age (try 7d, 24h or 90m)", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not an age (try 7d, 24h or 90m)", s)
	}
	return d, nil
}

// Run prints what the votes and the unanswered questions say.
func (c *feedbackCmd) Run(ctx context.Context, g *globals, e env) error {
	age, err := parseAge(c.Since)
	if err != nil {
		return usagef("--since: %v", err)
	}
	if c.Limit < 1 {
		return usagef("--limit must be at least 1, not %d", c.Limit)
	}
	dir, err := g.dataDir()
	if err != nil {
		return err
	}
	var since time.Time
	if age > 0 {
		since = time.Now().Add(-age).UTC()
	}
	path := filepath.Join(dir, feedback.FileName)
	report := feedback.Report{Since: since, Downvoted: []feedback.Downvoted{}, Unanswered: []feedback.Unanswered{}}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if !c.JSON {
			fmt.Fprintf(e.stdout, "no feedback recorded yet in %s (citebot serve records it)\n", termSafe(dir))
			return nil
		}
	} else {
		st, err := feedback.Open(ctx, path)
		if err != nil {
			return fmt.Errorf("open the feedback database: %w", err)
		}
		defer st.Close()
		if report, err = st.Report(ctx, since, c.Limit); err != nil {
			return err
		}
	}
	if c.JSON {
		return encodeJSON(e.stdout, report)
	}
	var w strings.Builder
	span := "all time"
	if age > 0 {
		span = "since " + since.Local().Format("2006-01-02 15:04")
	}
	fmt.Fprintf(&w, "Feedback %s: %d %s, %d abstained; %d 👍, %d 👎\n", span,
		report.Answers, plural(report.Answers, "answer", "answers"), report.Abstained, report.Up, report.Down)
	if len(report.Downvoted) > 0 {
		w.WriteString("\nAnswers voted down:\n")
		for i, d := range report.Downvoted {
			q := d.Question
			if q == "" {
				q = "(answer " + d.AnswerID + " not recorded)"
			}
			fmt.Fprintf(&w, "%3d. %s — %d 👎, %d 👍 (%s)\n", i+1, answer.Clip(q, 110), d.Down, d.Up, d.Backend)
			if len(d.Citations) > 0 {
				fmt.Fprintf(&w, "     cited: %s\n", strings.Join(d.Citations, ", "))
			}
			if d.Answer != "" {
				fmt.Fprintf(&w, "     answer: %s\n", answer.Clip(d.Answer, 160))
			}
		}
	}
	if len(report.Unanswered) > 0 {
		w.WriteString("\nUnanswered questions, most asked first:\n")
		for _, u := range report.Unanswered {
			fmt.Fprintf(&w, "%4d× %s\n", u.Count, answer.Clip(u.Question, 110))
		}
	}
	_, err = fmt.Fprint(e.stdout, termSafe(w.String()))
	return err
}
