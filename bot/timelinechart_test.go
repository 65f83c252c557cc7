package bot

import (
	"testing"

	"github.com/citebot/citebot/corpus"
)

func TestChartEventsBounded(t *testing.T) {
	events := make([]corpus.Event, maxChartEvents+1)
	title, drawn := chartEvents(TimelineQuery{Topic: "oil"}, events)
	if len(drawn) != maxChartEvents || title != "Timeline — topic: oil (first 300 of 301 events)" {
		t.Errorf("chartEvents = %q, %d events", title, len(drawn))
	}
	if title, drawn := chartEvents(TimelineQuery{}, events[:3]); len(drawn) != 3 || title != "Timeline — all events" {
		t.Errorf("chartEvents = %q, %d events", title, len(drawn))
	}
}
