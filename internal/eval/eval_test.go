package eval

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestReadQuestions(t *testing.T) {
	good := `{"id":"a","kind":"factoid","question":"When?","gold":["1992"],"answer_any":["1992"]}

# a comment
{"id":"b","kind":"unanswerable","question":"Why?","gold":[],"answer_any":[]}
`
	qs, err := ReadQuestions(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || qs[0].ID != "a" || qs[1].Answerable() {
		t.Fatalf("got %+v", qs)
	}
	bad := []struct{ name, in, want string }{
		{"not json", "{nope\n", "line 1: not a question object"},
		{"empty question", `{"id":"x","question":"  "}`, "line 1: question is empty"},
		{"unknown field", `{"id":"x","question":"q","golden":[]}`, "line 1: not a question object"},
		{"duplicate id", "{\"id\":\"x\",\"question\":\"q\"}\n{\"id\":\"x\",\"question\":\"r\"}", `line 2: id "x" already used on line 1`},
		{"two values", `{"question":"q"} {"question":"r"}`, "line 1: more than one JSON value"},
		{"nothing", "\n\n", "no questions"},
		{"wrong type", `{"question":"q","gold":"1992"}`, "line 1: not a question object"},
		{"unknown kind", `{"question":"q","kind":"paraphrase"}`, `line 1: unknown kind "paraphrase"`},
		{"followup without history", `{"question":"q","kind":"followup"}`, "line 1: a followup needs a history"},
		{"empty history question", `{"question":"q","history":["a"," "]}`, "line 1: history question 2 is empty"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadQuestions(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	q := func(id, kind string) Question {
		return Question{ID: id, Kind: kind, Question: "q", Gold: []string{"gold text"}, AnswerAny: []string{"Answer"}}
	}
	outs := []Outcome{
		{Question: q("1", "factoid"), Passages: []string{"GOLD  text here", "x"}, Answer: "the answer [1]", Latency: 2 * time.Millisecond},
		{Question: q("2", "factoid"), Passages: []string{"x", "y", "gold text"}, Answer: "nothing", Latency: 4 * time.Millisecond},
		{Question: q("3", "factoid"), Passages: []string{"x"}, Abstained: true, Answer: "answer", Latency: 6 * time.Millisecond},
		{Question: Question{ID: "4", Kind: KindUnanswerable, Question: "q"}, Abstained: true, Latency: 8 * time.Millisecond},
	}
	s := Summarize(outs)
	want := Summary{Questions: 4, Answerable: 3, Unanswerable: 1,
		RecallAt1: 1.0 / 3, RecallAt3: 2.0 / 3, RecallAt5: 2.0 / 3, MRR: (1 + 1.0/3) / 3,
		AnswerHit: 1.0 / 3, AbstentionRate: 1, FalseAbstentionRate: 1.0 / 3, LatencyP50Ms: 4, LatencyP95Ms: 8,
		Misses: map[string]int{MissOther: 1, MissNotRetrieved: 1}}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("got  %+v\nwant %+v", s, want)
	}
}

func TestMissReasonsAndFollowUps(t *testing.T) {
	fact := Question{ID: "f", Question: "q", Gold: []string{"gold"}, AnswerAny: []string{"yes"}}
	follow := fact
	follow.History = []string{"earlier"}
	un := Question{ID: "u", Kind: KindUnanswerable, Question: "q"}
	cases := []struct {
		name string
		o    Outcome
		want string
	}{
		{"right", Outcome{Question: fact, Passages: []string{"gold"}, Answer: "yes"}, ""},
		{"not retrieved", Outcome{Question: fact, Passages: []string{"other"}, Answer: "no"}, MissNotRetrieved},
		{"abstained", Outcome{Question: fact, Passages: []string{"gold"}, Abstained: true}, MissAbstained},
		{"other sentence", Outcome{Question: fact, Passages: []string{"gold"}, Answer: "no"}, MissOther},
		{"unanswerable answered", Outcome{Question: un, Answer: "no"}, MissAnswered},
		{"unanswerable abstained", Outcome{Question: un, Abstained: true}, ""},
	}
	for _, c := range cases {
		if got := c.o.Miss(); got != c.want {
			t.Errorf("%s: Miss() = %q, want %q", c.name, got, c.want)
		}
	}
	s := Summarize([]Outcome{
		{Question: follow, Passages: []string{"gold"}, Answer: "yes"},
		{Question: follow, Passages: []string{"gold"}, Answer: "no"},
		{Question: fact, Passages: []string{"gold"}, Answer: "yes"},
	})
	if s.FollowUps != 2 || s.FollowUpHit != 0.5 || s.Misses[MissOther] != 1 {
		t.Fatalf("follow-ups %d, hit %.2f, misses %v", s.FollowUps, s.FollowUpHit, s.Misses)
	}
}

func FuzzReadQuestions(f *testing.F) {
	f.Add(`{"id":"a","kind":"factoid","question":"When?","gold":["1992"],"answer_any":["1992"]}`)
	f.Add("{\"question\":\"q\"}\n#c\n\n{\"id\":\"2\",\"question\":\"r\"}")
	f.Add(`{"question":""}`)
	f.Fuzz(func(t *testing.T, in string) {
		qs, err := ReadQuestions(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, q := range qs {
			if strings.TrimSpace(q.Question) == "" || q.ID == "" || seen[q.ID] {
				t.Fatalf("accepted a bad question: %+v", q)
			}
			seen[q.ID] = true
		}
	})
}

// TestClosestHit: of the answerable questions abstained on, the share
// whose closest sentences quote an expected answer; answers and
// unanswerable questions don't count.
func TestClosestHit(t *testing.T) {
	fact := Question{ID: "f", Question: "q", Gold: []string{"gold"}, AnswerAny: []string{"1972"}}
	un := Question{ID: "u", Kind: KindUnanswerable, Question: "q"}
	outs := []Outcome{
		{Question: fact, Passages: []string{"gold"}, Abstained: true, Closest: []string{"He left the club.", "He resigned in  1972."}},
		{Question: fact, Passages: []string{"gold"}, Abstained: true, Closest: []string{"He left the club."}},
		{Question: fact, Passages: []string{"gold"}, Abstained: true},
		{Question: fact, Passages: []string{"gold"}, Answer: "no", Closest: []string{"1972"}},
		{Question: un, Abstained: true, Closest: []string{"1972"}},
	}
	for i, want := range []bool{true, false, false, false, false} {
		if got := outs[i].ClosestHit(); got != want {
			t.Errorf("outcome %d: ClosestHit() = %v, want %v", i, got, want)
		}
	}
	if s := Summarize(outs); s.ClosestHit != 1.0/3 {
		t.Errorf("ClosestHit = %.3f, want 1/3 (one of three false abstentions)", s.ClosestHit)
	}
}
