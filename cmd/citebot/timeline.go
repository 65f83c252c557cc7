package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/internal/timelineplot"
)

// maxYear bounds the years the timeline accepts, BC and AD.
const maxYear = 9999

type timelineCmd struct {
	Year  string `name:"year" help:"Only events overlapping this year (e.g. 1992, 206BC, or --year=-206)." placeholder:"Y"`
	From  string `name:"from" help:"Only events overlapping this year or later." placeholder:"Y"`
	To    string `name:"to" help:"Only events overlapping this year or earlier." placeholder:"Y"`
	Topic string `name:"topic" help:"Only events in passages about these words (found by the same search as ask)." placeholder:"WORDS"`
	Limit int    `name:"limit" default:"0" help:"Show at most N events (0: all)." placeholder:"N"`
	JSON  bool   `name:"json" help:"Print one JSON object with the events."`
	PNG   string `name:"png" type:"path" help:"Also draw the events as a chart in this PNG file." placeholder:"FILE"`
}

// Run lists the events.
func (c *timelineCmd) Run(ctx context.Context, g *globals, e env) error {
	q, err := c.query()
	if err != nil {
		return err
	}
	eng, err := g.open(ctx, e)
	if err != nil {
		return err
	}
	events, err := eng.Timeline(ctx, q) // all matches: the limit is applied here, to count what it leaves out
	if err != nil {
		return err
	}
	omitted := 0
	if c.Limit > 0 && len(events) > c.Limit {
		events, omitted = events[:c.Limit], len(events)-c.Limit
	}
	if c.PNG != "" {
		if err := c.writePNG(e, chartTitle(eng, events), events); err != nil {
			return err
		}
	}
	if c.JSON {
		type eventJSON struct {
			Start     string   `json:"start"`
			End       string   `json:"end"`
			Precision string   `json:"precision"`
			Label     string   `json:"label"`
			Text      string   `json:"text"`
			ID        string   `json:"id"`
			Source    string   `json:"source"`
			Flags     []string `json:"flags"`
		}
		out := struct {
			Events []eventJSON `json:"events"`
			// Omitted counts the matching events --limit left out.
			Omitted int `json:"omitted"`
		}{Events: []eventJSON{}, Omitted: omitted}
		for _, ev := range events {
			p, _ := eng.Index().Passage(ev.PassageID)
			flags := ev.Flags
			if flags == nil {
				flags = []string{}
			}
			out.Events = append(out.Events, eventJSON{ev.Start.String(), ev.End.String(), string(ev.Precision), ev.Label, ev.Text, ev.PassageID, p.Source, flags})
		}
		return encodeJSON(e.stdout, out)
	}
	if len(events) == 0 {
		if len(eng.Events()) == 0 {
			fmt.Fprintln(e.stdout, "no dated events in the documents")
		} else {
			fmt.Fprintln(e.stdout, "no dated events match")
		}
		return nil
	}
	var w strings.Builder
	for _, ev := range events {
		span := ev.Start.String()
		if ev.End != ev.Start {
			span += "/" + ev.End.String()
		}
		flags := ""
		if len(ev.Flags) > 0 {
			flags = " [" + strings.Join(ev.Flags, ", ") + "]"
		}
		fmt.Fprintf(&w, "%-21s %s%s — %s  (%s)\n", span, ev.Label, flags, answer.Clip(ev.Text, 110), ev.PassageID)
	}
	io.WriteString(e.stdout, termSafe(w.String()))
	if omitted > 0 {
		fmt.Fprintf(e.stdout, "… and %s more %s (--limit %d; --limit 0 shows all)\n", thousands(omitted), plural(omitted, "event", "events"), c.Limit)
	}
	return nil
}

// writePNG draws events into the --png file.
func (c *timelineCmd) writePNG(e env, title string, events []corpus.Event) error {
	if len(events) == 0 {
		return fmt.Errorf("--png %s: no events to draw", c.PNG)
	}
	data, err := timelineplot.Render(events, timelineplot.Options{Title: title})
	if err != nil {
		return err
	}
	if err := os.WriteFile(c.PNG, data, 0o644); err != nil {
		return fmt.Errorf("--png: %w", err)
	}
	fmt.Fprintf(e.stderr, "citebot: wrote the chart of %d %s to %s\n", len(events), plural(len(events), "event", "events"), termSafe(c.PNG))
	return nil
}

// chartTitle names the chart after the one document the events come from,
// else after the corpus folder.
func chartTitle(eng *engine.Engine, events []corpus.Event) string {
	titles := map[string]bool{}
	for _, ev := range events {
		if p, ok := eng.Index().Passage(ev.PassageID); ok && p.Title != "" {
			titles[p.Title] = true
		}
	}
	if len(titles) == 1 {
		for t := range titles {
			return t + ": timeline"
		}
	}
	name := eng.Corpus().Name
	if name == corpus.BuiltinName {
		return "Timeline of the built-in corpus"
	}
	return "Timeline of " + filepath.Base(name)
}

// query checks the flags and turns them into a timeline query.
func (c *timelineCmd) query() (engine.TimelineQuery, error) {
	var q engine.TimelineQuery
	if c.Limit < 0 {
		return q, usagef("--limit must be 0 or more, not %d", c.Limit)
	}
	q.Topic = strings.TrimSpace(c.Topic)
	if c.Year != "" && (c.From != "" || c.To != "") {
		return q, usagef("--year cannot be combined with --from or --to")
	}
	for _, f := range []struct {
		name, val string
		dst       **int
	}{{"year", c.Year, &q.From}, {"from", c.From, &q.From}, {"to", c.To, &q.To}} {
		if f.val == "" {
			continue
		}
		y, err := parseYear(f.val)
		if err != nil {
			return q, usagef("--%s: %v", f.name, err)
		}
		*f.dst = &y
	}
	if c.Year != "" {
		q.To = q.From
	}
	if q.From != nil && q.To != nil && *q.From > *q.To {
		return q, usagef("--from %s is after --to %s", c.From, c.To)
	}
	return q, nil
}

// parseYear reads "1992", "-206", "206 BC", "206BCE", "AD 751" or "751 CE".
// BC years are negative.
func parseYear(s string) (int, error) {
	t := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	sign := 1
	switch {
	case strings.HasSuffix(t, "BCE"):
		t, sign = strings.TrimSuffix(t, "BCE"), -1
	case strings.HasSuffix(t, "BC"):
		t, sign = strings.TrimSuffix(t, "BC"), -1
	case strings.HasSuffix(t, "CE"):
		t = strings.TrimSuffix(t, "CE")
	case strings.HasPrefix(t, "AD"):
		t = strings.TrimPrefix(t, "AD")
	}
	y, err := strconv.Atoi(t)
	if err != nil || (sign < 0 && y <= 0) {
		return 0, fmt.Errorf("%q is not a year (try 1992, -206 or 206BC)", s)
	}
	y *= sign
	if y == 0 {
		return 0, fmt.Errorf("there is no year 0 (1 BC is followed by AD 1)")
	}
	if y < -maxYear || y > maxYear {
		return 0, fmt.Errorf("%q is out of range: years run from -%d to %d", s, maxYear, maxYear)
	}
	return y, nil
}
