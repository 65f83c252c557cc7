package llm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tmc/langchaingo/llms"

	"github.com/citebot/citebot/internal/answer"
)

func textOf(m llms.MessageContent) string {
	var b strings.Builder
	for _, p := range m.Parts {
		if t, ok := p.(llms.TextContent); ok {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// sourcesText is the text of the message that carries the sources, the
// one before the question.
func sourcesText(p prompt) string { return textOf(p.messages[len(p.messages)-2]) }

func TestPromptBudgetDropsLowestRankedFirst(t *testing.T) {
	hits := testHits()
	one := utf8.RuneCountInString(sourceBlock(1, hits[0], ""))
	two := one + utf8.RuneCountInString(sourceBlock(2, hits[1], ""))
	tests := []struct {
		budget int
		want   int
	}{
		{100000, 3},
		{two, 2},
		{two - 1, 1},
		{one, 1},
		{10, 1}, // the top passage is always sent, cut to fit
	}
	for _, tt := range tests {
		p := buildPrompt(question, hits, nil, tt.budget)
		if len(p.sources) != tt.want {
			t.Errorf("budget %d: %d sources, want %d", tt.budget, len(p.sources), tt.want)
			continue
		}
		for i, s := range p.sources {
			if s.ID != hits[i].ID {
				t.Errorf("budget %d: source %d is %s, want %s", tt.budget, i+1, s.ID, hits[i].ID)
			}
		}
		sys := sourcesText(p)
		if tt.want < 3 && strings.Contains(sys, hits[2].ID) {
			t.Errorf("budget %d: the lowest-ranked passage was sent", tt.budget)
		}
	}
	p := buildPrompt(question, hits, nil, 10)
	if sys := sourcesText(p); !strings.Contains(sys, "…") || strings.Contains(sys, "3 January 1992") {
		t.Errorf("a top passage over budget should be cut:\n%s", sys)
	}
}

func TestPromptHistory(t *testing.T) {
	long := strings.Repeat("word ", maxHistoryChars/5)
	history := []answer.Turn{
		{Question: "oldest", Answer: long},
		{Question: "skipped", Answer: ""},
		{Question: "How long is the border?", Answer: "1,782 km [2][3]."},
	}
	p := buildPrompt("And Khorgos?", testHits(), history, DefaultContextChars)
	var got []string
	for _, m := range p.messages[1:] {
		got = append(got, string(m.Role)+": "+textOf(m))
	}
	want := []string{"human: How long is the border?", "ai: 1,782 km.", "human: " + sourcesText(p), "human: And Khorgos?"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages after the system prompt:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAbstains(t *testing.T) {
	yes := []string{
		"The sources do not say.",
		"The provided sources don't mention who won the match.",
		"The passages do not contain any information about this.",
		"These sources don’t cover the 1998 World Cup.",
		"None of the passages address the question.",
		"There is no information in the provided sources about that.",
		"I cannot answer this from the given context.",
		"This is not mentioned in the sources.",
		"The sources are silent on this point.",
	}
	no := []string{
		"China and Kazakhstan established relations in 1992.",
		"The sources say relations began in 1992.",
		"Kazakhstan does not border Russia in the sources' account.",
		"",
	}
	for _, s := range yes {
		if !abstains(s) {
			t.Errorf("abstains(%q) = false", s)
		}
	}
	for _, s := range no {
		if abstains(s) {
			t.Errorf("abstains(%q) = true", s)
		}
	}
}
