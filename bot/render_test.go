package bot

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

func TestAnswerFooter(t *testing.T) {
	tests := []struct {
		a    answer.Answer
		want string
	}{
		{answer.Answer{Backend: "extractive"}, "Answered by extractive"},
		{answer.Answer{Backend: "openai:gpt-4o-mini"}, "Answered by openai:gpt-4o-mini"},
		{answer.Answer{Backend: "extractive (fallback: openai timeout)"}, "Fallback answer · Answered by extractive (fallback: openai timeout)"},
		{answer.Answer{Backend: "extractive", Abstained: true}, "Abstained: the passages don't answer this · Answered by extractive"},
		{answer.Answer{Backend: "ollama:llama3", Uncited: true}, "No valid citations · Answered by ollama:llama3"},
	}
	for _, tt := range tests {
		if got := answerFooter(tt.a); got != tt.want {
			t.Errorf("answerFooter(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	p := corpus.Passage{Text: "China recognised Kazakhstan [4] on 27 December 1991,\n and the `two` countries established diplomatic relations on January 3, 1992 [5], opening embassies soon after."}
	q := quote(p)
	if n := utf8.RuneCountInString(q); n > maxQuoteRunes {
		t.Errorf("quote has %d characters", n)
	}
	if strings.Contains(q, "[4]") || strings.Contains(q, "\n") || strings.Contains(q, "`") {
		t.Errorf("quote = %q, want markers, newlines and backticks gone", q)
	}
	if !strings.HasPrefix(q, "China recognised Kazakhstan on 27 December 1991, and the 'two'") || !strings.HasSuffix(q, "…") {
		t.Errorf("quote = %q", q)
	}
}

func manyCitations(n int, textLen int) []answer.Citation {
	var cits []answer.Citation
	for i := 1; i <= n; i++ {
		cits = append(cits, answer.Citation{N: i, Hit: retrieval.Hit{Passage: corpus.Passage{
			ID: fmt.Sprintf("a/very/long/path/to/some/document-%03d.txt#%d", i, i), Source: fmt.Sprintf("a/very/long/path/to/some/document-%03d.txt", i),
			Text: strings.Repeat("Passage words go here. ", textLen),
		}}})
	}
	return cits
}

func TestRenderAnswerEmbedsLimits(t *testing.T) {
	tests := []struct {
		name string
		a    answer.Answer
		q    string
	}{
		{"short", cannedAnswer(), "When?"},
		{"text over 4096", answer.Answer{Text: strings.Repeat("Long sentence about the treaty [1]. ", 150), Backend: "extractive", Citations: manyCitations(1, 10)}, "Why?"},
		{"text over 6000", answer.Answer{Text: strings.Repeat("Longer sentence about the border treaty [2].\n\n", 400), Backend: "openai:x", Citations: manyCitations(3, 10)}, strings.Repeat("q", 300)},
		{"many sources", answer.Answer{Text: "See sources [1][2].", Backend: "extractive", Citations: manyCitations(60, 20)}, "Which?"},
		{"warnings", answer.Answer{Text: "Claim [1].", Backend: "extractive", Citations: manyCitations(1, 5), Warnings: []string{strings.Repeat("warning ", 100), "another"}}, "Q"},
		{"empty abstention", answer.Answer{Abstained: true, Backend: "extractive"}, "Q"},
		{"abstention with many closest passages", answer.Answer{Abstained: true, Backend: "extractive", Closest: manyCitations(60, 20)}, strings.Repeat("q", 300)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			embeds := renderAnswerEmbeds(tt.q, tt.a)
			if total := embedsRunes(embeds); total > maxEmbedsRunes {
				t.Errorf("embeds total %d characters, limit %d", total, maxEmbedsRunes)
			}
			if len(embeds) > 10 {
				t.Errorf("%d embeds", len(embeds))
			}
			for i, e := range embeds {
				if n := utf8.RuneCountInString(e.Description); n > maxDescriptionRunes {
					t.Errorf("embed %d description has %d characters", i, n)
				}
				if n := utf8.RuneCountInString(e.Title); n > maxTitleRunes {
					t.Errorf("embed %d title has %d characters", i, n)
				}
				for _, f := range e.Fields {
					if utf8.RuneCountInString(f.Value) > maxFieldValueRunes {
						t.Errorf("embed %d field over 1024", i)
					}
				}
			}
			last := embeds[len(embeds)-1]
			if last.Footer == nil || !strings.Contains(last.Footer.Text, tt.a.Backend) {
				t.Errorf("last embed has no footer naming the backend")
			}
			if !strings.Contains(embeds[0].Description, "[") && !tt.a.Abstained {
				t.Errorf("answer lost its markers: %q", embeds[0].Description)
			}
			if tt.a.Abstained && len(tt.a.Closest) > 0 && last.Title != closestTitle {
				t.Errorf("abstention's last embed is %q, want %q", last.Title, closestTitle)
			}
			if tt.a.Abstained && !strings.Contains(embeds[0].Description, "couldn't find") {
				t.Errorf("empty abstention renders %q", embeds[0].Description)
			}
		})
	}
}

func TestRenderAnswerEmbedsCutsLongText(t *testing.T) {
	a := answer.Answer{Text: strings.Repeat("Longer sentence about the border treaty [2].\n\n", 400), Backend: "x"}
	embeds := renderAnswerEmbeds("q", a)
	if len(embeds) != 2 {
		t.Fatalf("%d embeds, want the text in two", len(embeds))
	}
	if !strings.HasSuffix(embeds[1].Description, "(cut to fit Discord)") {
		t.Errorf("cut text is not marked: …%q", embeds[1].Description[len(embeds[1].Description)-60:])
	}
}

func TestSourcesList(t *testing.T) {
	list := sourcesList(manyCitations(60, 20), maxSourcesRunes)
	if n := utf8.RuneCountInString(list); n > maxSourcesRunes {
		t.Errorf("sources list has %d characters", n)
	}
	lines := strings.Split(list, "\n")
	if !strings.HasPrefix(lines[0], "1. `a/very/long/path/to/some/document-001.txt#1` — a/very/long/path/to/some/document-001.txt: “Passage words") {
		t.Errorf("first line = %q", lines[0])
	}
	last := lines[len(lines)-1]
	if want := fmt.Sprintf("… and %d more", 60-(len(lines)-1)); last != want {
		t.Errorf("last line = %q, want %q", last, want)
	}
}

// TestSourceLineQuote: the sources list shows the sentence the answer used
// when the backend names it, else the passage's opening words.
func TestSourceLineQuote(t *testing.T) {
	c := cannedAnswer().Citations[0]
	if got := sourceLine(c); !strings.Contains(got, "“China recognised Kazakhstan's independence") {
		t.Errorf("without a quote: %q, want the passage's opening", got)
	}
	c.Quote = "the two countries  established `diplomatic`\nrelations on January 3, 1992 " + strings.Repeat("and more ", 30)
	got := sourceLine(c)
	if !strings.Contains(got, "“the two countries established 'diplomatic' relations on January 3, 1992") {
		t.Errorf("with a quote: %q, want the quoted sentence, folded and without backticks", got)
	}
	if q := got[strings.Index(got, "“"):]; utf8.RuneCountInString(q) > maxQuoteRunes+2 {
		t.Errorf("quote has %d characters, want at most %d", utf8.RuneCountInString(q)-2, maxQuoteRunes)
	}
	c.Quote = "signed by <@123> @everyone, see [the treaty](https://evil.example)"
	if got := sourceLine(c); strings.Contains(got, "<@123>") || strings.Contains(got, "](") || strings.Contains(got, " @everyone") {
		t.Errorf("a quote with mentions and a masked link renders as %q", got)
	}
}

func TestRenderAnswerText(t *testing.T) {
	text := renderAnswerText(cannedAnswer())
	want := "China recognised Kazakhstan on 27 December 1991, and relations were established on January 3, 1992 [1].\n\n" +
		"**Sources**\n1. `china-kazakhstan-relations.txt#3` — China–Kazakhstan relations: “China recognised Kazakhstan's independence on 27 December 1991, and the two countries established…”\n" +
		"-# Answered by extractive"
	if text != want {
		t.Errorf("renderAnswerText =\n%s\nwant\n%s", text, want)
	}
	if turn := turnFromReply(text); !strings.HasSuffix(turn.Answer, "[1].") {
		t.Errorf("turnFromReply = %+v", turn)
	}
}

func TestRenderTimeline(t *testing.T) {
	fb := newFakeBackend()
	q := TimelineQuery{From: 1990, To: 2009, Topic: "Kazakhstan"}
	embeds, comps := renderTimeline(q, fb.events, 1)
	e := embeds[0]
	if e.Title != "Timeline — 1990–2009 · topic: Kazakhstan" {
		t.Errorf("title = %q", e.Title)
	}
	if e.Footer.Text != "Page 2 of 3 · 20 events" {
		t.Errorf("footer = %q", e.Footer.Text)
	}
	if lines := strings.Split(e.Description, "\n"); len(lines) != timelinePageSize || lines[0] != "**in 1998** — Something happened in 1998. `china-kazakhstan-relations.txt#18`" {
		t.Errorf("page = %q", e.Description)
	}
	buttons := comps[0].(discordgo.ActionsRow).Components
	prev, next := buttons[0].(discordgo.Button), buttons[1].(discordgo.Button)
	if prev.CustomID != "tl1:::1990:2009:Kazakhstan" || next.CustomID != "tl1:2::1990:2009:Kazakhstan" || prev.Disabled || next.Disabled {
		t.Errorf("buttons = %+v, %+v", prev, next)
	}

	one, comps := renderTimeline(TimelineQuery{Year: 1995}, fb.events[5:6], 0)
	if len(comps) != 0 || one[0].Title != "Timeline — 1995" {
		t.Errorf("single page: %+v, %d components", one[0], len(comps))
	}
	none, _ := renderTimeline(TimelineQuery{Year: -206}, nil, 0)
	if none[0].Title != "Timeline — 206 BC" || !strings.Contains(none[0].Description, "No dated events") {
		t.Errorf("empty: %+v", none[0])
	}
}

func TestRenderSourceLongPassage(t *testing.T) {
	p := corpus.Passage{ID: "doc.txt#1", Source: "doc.txt", Title: "Doc", Text: strings.Repeat("A long passage sentence. ", 400)}
	embeds := renderSource(p)
	if total := embedsRunes(embeds); total > maxEmbedsRunes {
		t.Errorf("total %d", total)
	}
	for _, e := range embeds {
		if utf8.RuneCountInString(e.Description) > maxDescriptionRunes {
			t.Errorf("description over 4096")
		}
	}
	if embeds[0].Title != "doc.txt#1" || embeds[len(embeds)-1].Footer.Text != "Doc · doc.txt" {
		t.Errorf("title/footer = %q / %q", embeds[0].Title, embeds[len(embeds)-1].Footer.Text)
	}
}

func TestChoices(t *testing.T) {
	values := []string{"", "a", "a", strings.Repeat("x", 101)}
	for i := 0; i < 30; i++ {
		values = append(values, fmt.Sprint("t", i))
	}
	got := choices(values)
	if len(got) != maxChoices || got[0].Name != "a" || got[1].Name != "t0" {
		t.Errorf("choices = %d, first %q %q", len(got), got[0].Name, got[1].Name)
	}
}

func TestStripMention(t *testing.T) {
	for in, want := range map[string]string{
		"<@42> when?":           "when?",
		"<@!42> when? <@42>":    "when?",
		"ask <@43> about <@42>": "ask <@43> about",
		"  plain  ":             "plain",
	} {
		if got := stripMention(in, "42"); got != want {
			t.Errorf("stripMention(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSourceLineLinks(t *testing.T) {
	c := answer.Citation{N: 2, Hit: retrieval.Hit{Passage: corpus.Passage{ID: "handbook.md#3", Source: "handbook.md", Title: "Handbook",
		Section: "Handbook › Calibration intervals", URL: "https://docs.example.com/handbook#calibration-intervals", Text: "The TF-300 is calibrated every 12 months."}},
		Quote: "The TF-300 is calibrated every 12 months."}
	got := sourceLine(c)
	want := "2. `handbook.md#3` — Handbook › Calibration intervals: “The TF-300 is calibrated every 12 months.” <https://docs.example.com/handbook#calibration-intervals>"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	for _, bad := range []string{"javascript:alert(1)", "https://a b", "ftp://x", "https://x/" + strings.Repeat("a", 300)} {
		c.URL = bad
		if strings.Contains(sourceLine(c), "<") {
			t.Errorf("URL %q shown", bad)
		}
	}
}

// TestAbstentionShowsClosestPassages: an abstention that says where the
// documents came nearest lists those passages, bulleted (nothing cites
// them), at the sentence that came nearest, under a title that says they
// are no answer; an answer with citations lists its sources only.
func TestAbstentionShowsClosestPassages(t *testing.T) {
	a := answer.Answer{
		Text:      "The documents don't say. No passage answers “Why did the talks stall?”.",
		Abstained: true,
		Backend:   "extractive",
		Closest: []answer.Citation{{Hit: retrieval.Hit{Passage: recognitionPassage},
			Quote: "the two countries established diplomatic relations on January 3, 1992"}},
	}
	wantLine := "• `china-kazakhstan-relations.txt#3` — China–Kazakhstan relations: “the two countries established diplomatic relations on January 3, 1992”"

	embeds := renderAnswerEmbeds("Why did the talks stall?", a)
	last := embeds[len(embeds)-1]
	if last.Title != closestTitle || last.Description != wantLine {
		t.Errorf("last embed = %q / %q, want %q / %q", last.Title, last.Description, closestTitle, wantLine)
	}
	if last.Footer == nil || !strings.Contains(last.Footer.Text, "Abstained") {
		t.Errorf("footer = %+v", last.Footer)
	}

	text := renderAnswerText(a)
	if want := a.Text + "\n\n" + closestHeading + "\n" + wantLine + "\n-# "; !strings.HasPrefix(text, want) {
		t.Errorf("renderAnswerText =\n%s\nwant it to start\n%s", text, want)
	}
	// A reply chain reads the refusal back without the list.
	if turn := turnFromReply(text); turn.Answer != a.Text {
		t.Errorf("turnFromReply = %q, want %q", turn.Answer, a.Text)
	}

	// Citations win: an answer lists its sources, not what came closest.
	cited := cannedAnswer()
	cited.Closest = a.Closest
	if got := renderAnswerText(cited); strings.Contains(got, closestTitle) || strings.Contains(got, "•") {
		t.Errorf("an answer with citations renders closest passages:\n%s", got)
	}
	for _, e := range renderAnswerEmbeds("q", cited) {
		if e.Title == closestTitle {
			t.Errorf("an answer with citations has a %q embed", e.Title)
		}
	}
}
