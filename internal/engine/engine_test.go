package engine

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

func openBuiltin(t *testing.T) *Engine {
	t.Helper()
	e, err := Open(context.Background(), t.TempDir(), corpus.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestAskBuiltin(t *testing.T) {
	e := openBuiltin(t)
	res, err := e.Ask(context.Background(), Request{Question: "  When were diplomatic relations between the People's Republic of China and Kazakhstan formed?  "})
	if err != nil {
		t.Fatal(err)
	}
	if res.Question != "When were diplomatic relations between the People's Republic of China and Kazakhstan formed?" {
		t.Fatalf("question not trimmed: %q", res.Question)
	}
	if len(res.Passages) != DefaultK || !strings.Contains(res.Answer.Text, "January 3, 1992") || res.Answer.Citations[0].ID != res.Passages[0].ID {
		t.Fatalf("result %+v", res)
	}
}

func TestCheckQuestion(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmptyQuestion},
		{" \t\n ", ErrEmptyQuestion},
		{strings.Repeat("é", MaxQuestionChars), nil},
		{strings.Repeat("é", MaxQuestionChars+1), ErrQuestionTooLong},
		{"What?", nil},
	}
	for _, tc := range tests {
		if _, err := CheckQuestion(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("CheckQuestion(%d chars) = %v, want %v", len(tc.in), err, tc.want)
		}
	}
	// The error carries the trimmed question's length in characters.
	_, err := CheckQuestion("  " + strings.Repeat("é", 4321) + "\n")
	var long *QuestionTooLongError
	if !errors.As(err, &long) || long.Chars != 4321 {
		t.Errorf("CheckQuestion(4,321 é) = %#v, want Chars 4321", err)
	}
	e := openBuiltin(t)
	if _, err := e.Ask(context.Background(), Request{Question: " "}); !errors.Is(err, ErrEmptyQuestion) {
		t.Fatalf("Ask(empty) = %v", err)
	}
}

type fakeAnswerer struct{ fallback answer.Answerer }

func (f fakeAnswerer) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	a, err := f.fallback.Answer(ctx, req)
	a.Backend = "fake"
	return a, err
}

func TestWithAnswerer(t *testing.T) {
	e, err := Open(context.Background(), t.TempDir(), corpus.Builtin(), WithAnswerer(func(fb answer.Answerer) (answer.Answerer, error) {
		return fakeAnswerer{fb}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Ask(context.Background(), Request{Question: "Who did Zhang Qian help?"})
	if err != nil || res.Answer.Backend != "fake" || !strings.Contains(res.Answer.Text, "Wusun") {
		t.Fatalf("%+v %v", res.Answer, err)
	}
	_, err = Open(context.Background(), t.TempDir(), corpus.Builtin(), WithAnswerer(func(answer.Answerer) (answer.Answerer, error) {
		return nil, errors.New("no such backend")
	}))
	if err == nil {
		t.Fatal("an answerer error must fail Open")
	}
}

func year(y int) *int { return &y }

func TestTimeline(t *testing.T) {
	e := openBuiltin(t)
	ctx := context.Background()
	all, err := e.Timeline(ctx, TimelineQuery{})
	if err != nil || len(all) < 11 {
		t.Fatalf("%d events, %v", len(all), err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Start.Compare(all[i-1].Start) < 0 {
			t.Fatalf("not chronological at %d", i)
		}
	}
	labels := func(q TimelineQuery) string {
		evs, err := e.Timeline(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ls []string
		for _, ev := range evs {
			ls = append(ls, ev.Label)
		}
		return strings.Join(ls, " | ")
	}
	if got := labels(TimelineQuery{From: year(1990), To: year(1999)}); got != "January 3, 1992 | 1997" {
		t.Errorf("1990s: %s", got)
	}
	if got := labels(TimelineQuery{From: year(1550), To: year(1550)}); !strings.Contains(got, "1522") {
		t.Errorf("a range overlapping 1550: %s", got)
	}
	if got := labels(TimelineQuery{From: year(2020), Limit: 2}); got != "9 July 2020 | the next day" {
		t.Errorf("limit: %s", got)
	}
	border := labels(TimelineQuery{Topic: "border"})
	for _, want := range []string{"(1864)", "1997"} {
		if !strings.Contains(border, want) {
			t.Errorf("topic border: %s lacks %s", border, want)
		}
	}
	if strings.Contains(border, "(1757)") || strings.Contains(border, "9 July 2020") {
		t.Errorf("topic border has events that are not about the border: %s", border)
	}
	if _, err := e.Timeline(ctx, TimelineQuery{From: year(2000), To: year(1990)}); !errors.Is(err, ErrBadRange) {
		t.Fatalf("from > to: %v", err)
	}
}

func TestTimelineWithoutDates(t *testing.T) {
	c := corpus.New("nodates", []corpus.Document{{Path: "a.txt", Text: "T\n\nNo dates at all here.\n\nNor here."}})
	e, err := Open(context.Background(), t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	if evs, err := e.Timeline(context.Background(), TimelineQuery{}); err != nil || len(evs) != 0 {
		t.Fatalf("%v %v", evs, err)
	}
}

func TestTopicsAndPassageIDs(t *testing.T) {
	e := openBuiltin(t)
	top := e.Topics("", 25)
	if len(top) != 25 {
		t.Fatalf("%d topics", len(top))
	}
	all := strings.Join(e.Topics("", 500), "|")
	for _, want := range []string{"Xinjiang", "Protocol of Chuguchak", "Zhang Qian", "border"} {
		if !strings.Contains("|"+all+"|", "|"+want+"|") {
			t.Errorf("topics lack %q: %s", want, all)
		}
	}
	for _, bad := range []string{"|In|", "|The|", "Chuguchak of"} {
		if strings.Contains("|"+all+"|", bad) {
			t.Errorf("topics have %q", bad)
		}
	}
	if got := e.Topics("chug", 5); len(got) == 0 || !strings.Contains(got[0], "Chuguchak") {
		t.Errorf("Topics(chug) = %q", got)
	}
	if got := e.Topics("urum", 5); len(got) == 0 || got[0] != "Ürümqi" {
		t.Errorf("Topics(urum) = %q", got)
	}
	if got := e.PassageIDs("china-kazakhstan-relations.txt#1", 5); len(got) != 5 || got[0] != "china-kazakhstan-relations.txt#1" {
		t.Errorf("PassageIDs = %q", got)
	}
	if got := e.PassageIDs("#31", 5); len(got) != 1 || got[0] != "china-kazakhstan-relations.txt#31" {
		t.Errorf("PassageIDs(#31) = %q", got)
	}
}

// TestFollowUpQueries: a follow-up is searched as a standalone query — the
// rewriter's when it answers, else the question with the subject of the
// previous turn, and the answer says the model was not used.
func TestFollowUpQueries(t *testing.T) {
	ctx := context.Background()
	history := []answer.Turn{{Question: "When did China and Kazakhstan form diplomatic relations?", Answer: "On January 3, 1992. [1]", Cited: []string{"china-kazakhstan-relations.txt#10"}}}
	var got []string
	rewrite := func(_ context.Context, h []answer.Turn, q string) (string, error) {
		got = append(got, q)
		if strings.Contains(q, "fail") {
			return "", errors.New("openai timeout")
		}
		return "China Kazakhstan one-China policy support", nil
	}
	e, err := Open(ctx, t.TempDir(), corpus.Builtin(), WithQueryRewriter(rewrite))
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Ask(ctx, Request{Question: "What did they support?", History: history})
	if err != nil {
		t.Fatal(err)
	}
	if res.Query != "China Kazakhstan one-China policy support" || len(got) != 1 {
		t.Fatalf("query %q, rewriter saw %q", res.Query, got)
	}
	res, err = e.Ask(ctx, Request{Question: "Did that fail?", History: history})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Query, "diplomatic relations") || !slices.ContainsFunc(res.Answer.Warnings, func(w string) bool { return strings.Contains(w, "openai timeout") }) {
		t.Fatalf("fallback query %q, warnings %q", res.Query, res.Answer.Warnings)
	}
	// A question that stands alone is never rewritten.
	if res, _ = e.Ask(ctx, Request{Question: "When was the Treaty of Saint Petersburg signed?", History: history}); res.Query != "When was the Treaty of Saint Petersburg signed?" || len(got) != 2 {
		t.Fatalf("standalone query %q, rewriter calls %d", res.Query, len(got))
	}
}

// TestCitedPassagesComeFirst lists the cited passages first, then those
// the answerer read by its evidence, then the rest in retrieval order.
func TestCitedPassagesComeFirst(t *testing.T) {
	hit := func(id string) retrieval.Hit { return retrieval.Hit{Passage: corpus.Passage{ID: id}} }
	hits := []retrieval.Hit{hit("a"), hit("b"), hit("c"), hit("d")}
	cites := []answer.Citation{{N: 1, Hit: hit("c")}, {N: 2, Hit: hit("a")}}
	order := func(cites []answer.Citation, read []string) string {
		var got []string
		for _, h := range citedFirst(hits, cites, read) {
			got = append(got, h.ID)
		}
		return strings.Join(got, " ")
	}
	for _, tc := range []struct {
		name  string
		cites []answer.Citation
		read  []string
		want  string
	}{
		{"cited first, in citation order", cites, nil, "c a b d"},
		{"no citations, nothing read", nil, nil, "a b c d"},
		// An abstention leads with the passage the reader came closest
		// in; passages it did not rank keep their retrieval order.
		{"read order after the cited", cites, []string{"d", "c"}, "c a d b"},
		{"abstained: read order", nil, []string{"d", "b"}, "d b a c"},
		{"unknown ids read", nil, []string{"x", "b"}, "b a c d"},
	} {
		if got := order(tc.cites, tc.read); got != tc.want {
			t.Errorf("%s: order %s, want %s", tc.name, got, tc.want)
		}
	}
}
