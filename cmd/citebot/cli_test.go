package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCLI runs citebot in-process with a fresh data folder and returns the
// exit code, stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("CITEBOT_CORPUS", "")
	t.Setenv("CITEBOT_DATA", "")
	var out, errb bytes.Buffer
	code := run(context.Background(), args, env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

func TestAskHumanGolden(t *testing.T) {
	data := t.TempDir()
	code, out, errOut := runCLI(t, "", "ask", "--data", data, "When were diplomatic relations between the People's Republic of China and Kazakhstan formed?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "ask_human.golden", out)

	code, out, _ = runCLI(t, "", "ask", "--data", data, "How tall is Mount Everest?")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	golden(t, "ask_abstain.golden", out)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Fatalf("output differs from %s (go test ./cmd/citebot -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestAskJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "", "ask", "--json", "--k", "3", "--data", t.TempDir(), "Who did Zhang Qian help against the Xiongnu?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if dec.More() {
		t.Fatal("more than one JSON value")
	}
	for _, k := range []string{"question", "answer", "abstained", "backend", "citations", "passages", "timings_ms"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	if got["backend"] != "extractive" || got["abstained"] != false || !strings.Contains(got["answer"].(string), "Wusun") {
		t.Fatalf("%v", got)
	}
	if n := len(got["passages"].([]any)); n != 3 {
		t.Fatalf("%d passages, want 3", n)
	}
	c := got["citations"].([]any)[0].(map[string]any)
	for _, k := range []string{"n", "id", "source", "text", "score"} {
		if _, ok := c[k]; !ok {
			t.Errorf("citation lacks %q", k)
		}
	}
}

// TestBadInput says what each bad input gets: an exit code and a message.
func TestBadInput(t *testing.T) {
	noDocs := t.TempDir()
	if err := os.WriteFile(filepath.Join(noDocs, "a.pdf"), []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	dataFile := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(dataFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "missing")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no question", []string{"ask"}, 2, "the question is empty"},
		{"blank question", []string{"ask", "   "}, 2, "the question is empty"},
		{"long question", []string{"ask", strings.Repeat("why ", 1001)}, 2, "the question is 4,003 characters long; the limit is 4,000"},
		{"bad k", []string{"ask", "--k", "0", "q?"}, 2, "--k must be between 1 and 50"},
		{"non-numeric k", []string{"ask", "--k", "many", "q?"}, 2, "--k"},
		{"unknown flag", []string{"ask", "--nope", "q?"}, 2, "unknown flag --nope"},
		{"unknown command", []string{"frobnicate"}, 2, "unexpected argument frobnicate"},
		{"missing corpus", []string{"ask", "--corpus", missing, "q?"}, 1, missing + " does not exist"},
		{"corpus without documents", []string{"ask", "--corpus", noDocs, "q?"}, 1, noDocs + " holds no usable .txt or .md documents"},
		{"data dir not writable", []string{"ask", "--data", filepath.Join(dataFile, "sub"), "q?"}, 1, "is not writable"},
		{"eval without file", []string{"eval"}, 2, "--questions"},
		{"eval missing file", []string{"eval", "--questions", missing}, 1, "question file"},
		{"eval unknown measure", []string{"eval", "--questions", "../../internal/eval/testdata/dev.jsonl", "--without", "magic"}, 2, `--without: unknown measure "magic"`},
		{"timeline from after to", []string{"timeline", "--from", "2000", "--to", "1990"}, 2, "--from 2000 is after --to 1990"},
		{"timeline non-numeric year", []string{"timeline", "--year", "soon"}, 2, `"soon" is not a year`},
		{"timeline year too large", []string{"timeline", "--from", "10000"}, 2, "out of range"},
		{"timeline year too small", []string{"timeline", "--to=-10000"}, 2, "out of range"},
		{"timeline year and from", []string{"timeline", "--year", "1992", "--from", "1990"}, 2, "--year cannot be combined"},
		{"timeline negative limit", []string{"timeline", "--limit=-1"}, 2, "--limit must be 0 or more"},
		{"help for unknown command", []string{"help", "nope"}, 2, "unexpected argument nope"},
		{"min confidence above 1", []string{"ask", "--min-confidence", "1.5", "q?"}, 2, "--min-confidence must be between 0 and 1"},
		{"negative min confidence", []string{"ask", "--min-confidence=-0.1", "q?"}, 2, "--min-confidence must be between 0 and 1"},
		{"min confidence not a number", []string{"ask", "--min-confidence", "NaN", "q?"}, 2, "--min-confidence must be between 0 and 1"},
		{"min confidence a word", []string{"ask", "--min-confidence", "strict", "q?"}, 2, "--min-confidence"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			code, _, errOut := runCLI(t, "", append(tc.args, "--data", data)...)
			if tc.name == "data dir not writable" {
				code, _, errOut = runCLI(t, "", tc.args...)
			}
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tc.code, tc.msg)
			}
			if strings.HasPrefix(tc.name, "corpus") || strings.HasPrefix(tc.name, "missing corpus") {
				if entries, _ := os.ReadDir(data); len(entries) != 0 {
					t.Fatalf("bad corpus wrote %d entries to the data folder", len(entries))
				}
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {}, {"help", "ask"}, {"ask", "--help"}} {
		code, out, _ := runCLI(t, "", args...)
		if code != 0 || !strings.Contains(out, "Usage: citebot") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	_, out, _ := runCLI(t, "", "help", "timeline")
	if !strings.Contains(out, "--topic") {
		t.Errorf("help timeline: %q", out)
	}
}

func TestChat(t *testing.T) {
	in := "Who did Zhang Qian help against the Xiongnu?\n\nHow did the Kazakh Health Ministry respond to the embassy's pneumonia warning?\nexit\nnever asked\n"
	code, out, errOut := runCLI(t, in, "chat", "--data", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Wusun") || !strings.Contains(out, "fake news") || strings.Contains(out, "never asked") {
		t.Fatalf("chat output: %s", out)
	}
	// End of input quits too, and a bad line does not end the session.
	code, out, _ = runCLI(t, "   \n"+strings.Repeat("x", 4001)+"\nWho did Zhang Qian help?", "chat", "--data", t.TempDir())
	if code != 0 || !strings.Contains(out, "the question is 4,001 characters long; the limit is 4,000") || !strings.Contains(out, "Wusun") {
		t.Fatalf("exit %d: %s", code, out)
	}
}

func TestEvalDevSet(t *testing.T) {
	dev := "../../internal/eval/testdata/dev.jsonl"
	code, out, errOut := runCLI(t, "", "eval", "--json", "--questions", dev, "--data", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 25 {
		t.Fatalf("%d lines, want 24 questions and a summary", len(lines))
	}
	var first struct {
		ID       string `json:"id"`
		Answer   string `json:"answer"`
		Passages []any  `json:"passages"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.ID != "d01" || len(first.Passages) != 5 {
		t.Fatalf("first line %s: %v", lines[0], err)
	}
	var sum struct {
		Summary struct {
			RecallAt3           float64 `json:"recall_at_3"`
			AnswerHit           float64 `json:"answer_hit"`
			AbstentionRate      float64 `json:"abstention_rate"`
			FalseAbstentionRate float64 `json:"false_abstention_rate"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(lines[24]), &sum); err != nil {
		t.Fatal(err)
	}
	s := sum.Summary
	if s.RecallAt3 != 1 || s.AnswerHit < 0.95 || s.AbstentionRate != 1 || s.FalseAbstentionRate != 0 {
		t.Fatalf("dev figures %+v", s)
	}
	code, out, _ = runCLI(t, "", "eval", "--questions", dev, "--data", t.TempDir())
	if code != 0 || !strings.Contains(out, "recall@3 1.00") {
		t.Fatalf("human eval: %s", out)
	}
}

func TestTimelineJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "", "timeline", "--json", "--data", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Events []struct {
			Start, End, Precision, Label, Text, ID, Source string
			Flags                                          []string
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// The landmarks, in this order.
	want := []string{"Jiajing", "white horse", "1862, Russian Cossack", "Protocol of Chuguchak", "Treaty of Saint Petersburg",
		"January 3, 1992", "In 1997", "October 16, 2013", "9 July 2020", "28 March 2023", "by 2030"}
	i := 0
	for _, ev := range got.Events {
		if i < len(want) && strings.Contains(ev.Text, want[i]) {
			i++
		}
		if ev.Source != "china-kazakhstan-relations.txt" || ev.Flags == nil {
			t.Fatalf("event %+v", ev)
		}
	}
	if i != len(want) {
		t.Fatalf("found the landmarks up to %q only", want[min(i, len(want)-1)])
	}
	if got.Events[0].Start != "1522" || got.Events[0].End != "1566" || got.Events[0].Precision != "range" {
		t.Fatalf("first event %+v", got.Events[0])
	}
}

func TestTimelineNoDates(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nNothing dated here.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "", "timeline", "--corpus", dir, "--data", t.TempDir())
	if code != 0 || strings.TrimSpace(out) != "no dated events in the documents" {
		t.Fatalf("exit %d: %q", code, out)
	}
}

func TestParseYear(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"1992", 1992, true}, {"-206", -206, true}, {"206 BC", -206, true}, {"206bce", -206, true},
		{"AD 751", 751, true}, {"751 CE", 751, true}, {"9999", 9999, true}, {"-9999", -9999, true},
		{"0", 0, false}, {"10000", 0, false}, {"x", 0, false}, {"", 0, false}, {"-5 BC", 0, false}, {"1.5", 0, false},
	}
	for _, tc := range tests {
		got, err := parseYear(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseYear(%q) = %d, %v", tc.in, got, err)
		}
	}
}

func FuzzParseYear(f *testing.F) {
	for _, s := range []string{"1992", "-206", "206 BC", "AD 751", "0", "10000", "x", "", "9999bce"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y, err := parseYear(s)
		if err != nil {
			return
		}
		if y == 0 || y < -maxYear || y > maxYear {
			t.Fatalf("parseYear(%q) = %d", s, y)
		}
	})
}

// On a terminal the answer is streamed as it comes and then not printed
// again: the text appears once, followed by the sources.
func TestAskStreamsOnATerminal(t *testing.T) {
	t.Setenv("CITEBOT_CORPUS", "")
	t.Setenv("CITEBOT_DATA", "")
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"ask", "--data", t.TempDir(), "Who did Zhang Qian help against the Xiongnu?"},
		env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, tty: true})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if n := strings.Count(out.String(), "to help the Wusun against the Xiongnu. [1]"); n != 1 {
		t.Fatalf("answer printed %d times:\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), "Sources:\n  [1] china-kazakhstan-relations.txt#3") {
		t.Fatalf("no sources after the streamed answer:\n%s", out.String())
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 4321: "4,321", 1234567: "1,234,567", -4000: "-4,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestEvalReportsWhyEachMissMissed: the human report gives each miss its
// reason and the answer given, counts follow-ups apart, says "n/a" for a
// share of nothing, warns about a gold that no passage has, and refuses
// an unknown kind.
func TestEvalReportsWhyEachMissMissed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "q.jsonl")
	lines := `{"id":"right","question":"When were diplomatic relations between China and Kazakhstan formed?","gold":["January 3, 1992"],"answer_any":["1992"]}
{"id":"other","question":"When were diplomatic relations between China and Kazakhstan formed?","gold":["January 3, 1992"],"answer_any":["1993"]}
{"id":"lost","question":"When were diplomatic relations between China and Kazakhstan formed?","gold":["no passage says this"],"answer_any":["1992"]}
{"id":"fu","kind":"followup","history":["Who did Zhang Qian help against the Xiongnu?"],"question":"When did he do it?","gold":[],"answer_any":["Han"]}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "eval", "--questions", file, "--data", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"ok   right", "MISS other", "answered with another sentence: The People's Republic of China",
		"4 questions (4 answerable, 0 unanswerable, 1 follow-ups)",
		"abstained on unanswerable n/a", "follow-ups answer-hit", "misses:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, `question lost: no passage contains its gold ["no passage says this"]`) {
		t.Errorf("no gold warning: %s", errOut)
	}
	if err := os.WriteFile(file, []byte(`{"id":"x","kind":"paraphrase","question":"q"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", "eval", "--questions", file, "--data", t.TempDir())
	if code != 1 || !strings.Contains(errOut, `unknown kind "paraphrase"`) {
		t.Fatalf("unknown kind: exit %d: %s", code, errOut)
	}
	if err := os.WriteFile(file, []byte(`{"id":"x","question":"When were relations formed?","answer_any":["1992"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, out, _ = runCLI(t, "", "eval", "--questions", file, "--data", t.TempDir()); !strings.Contains(out, "1 question (1 answerable") {
		t.Errorf("one question: %s", out)
	}
}

// TestAskJSONClosest: an abstention's JSON carries the passages that came
// nearest, each with the sentence of it that came nearest ("quote"); an
// answer's has no "closest".
func TestAskJSONClosest(t *testing.T) {
	data := t.TempDir()
	decode := func(q string) map[string]any {
		t.Helper()
		code, out, errOut := runCLI(t, "", "ask", "--json", "--data", data, q)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := decode("How tall is Mount Everest?")
	closest, _ := got["closest"].([]any)
	if got["abstained"] != true || len(closest) == 0 {
		t.Fatalf("abstained %v, closest %v", got["abstained"], got["closest"])
	}
	for _, c := range closest {
		c := c.(map[string]any)
		quote, _ := c["quote"].(string)
		text, _ := c["text"].(string)
		// The quote is the sentence as the answerer read it: citation
		// markers ("[zh]") are left out, its words are the text's.
		words := map[string]bool{}
		for _, w := range strings.Fields(text) {
			words[w] = true
		}
		for _, w := range strings.Fields(quote) {
			if !words[w] {
				t.Errorf("closest %s: quote word %q is not in its text", c["id"], w)
			}
		}
		if quote == "" || c["id"] == "" {
			t.Errorf("closest %v: want an id and a quote", c)
		}
	}
	if got := decode("Who did Zhang Qian help against the Xiongnu?"); got["abstained"] != false || got["closest"] != nil {
		t.Errorf("an answer: abstained %v, closest %v", got["abstained"], got["closest"])
	}
}

// TestMinConfidence: --min-confidence (or CITEBOT_MIN_CONFIDENCE) sets
// the confidence the offline answerer needs: at 1 it refuses a question
// it answers by default, still listing where the documents came nearest.
func TestMinConfidence(t *testing.T) {
	data := t.TempDir()
	const q = "Who did Zhang Qian help against the Xiongnu?"
	ask := func(args ...string) map[string]any {
		t.Helper()
		code, out, errOut := runCLI(t, "", append([]string{"ask", "--json", "--data", data}, append(args, q)...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := ask(); got["abstained"] != false {
		t.Fatalf("default: %v", got["answer"])
	}
	if got := ask("--min-confidence", "0.05"); got["abstained"] != false {
		t.Errorf("--min-confidence 0.05: %v", got["answer"])
	}
	got := ask("--min-confidence", "1")
	if got["abstained"] != true || got["closest"] == nil {
		t.Errorf("--min-confidence 1: abstained %v, closest %v", got["abstained"], got["closest"])
	}
	t.Setenv("CITEBOT_MIN_CONFIDENCE", "1")
	if got := ask(); got["abstained"] != true {
		t.Errorf("CITEBOT_MIN_CONFIDENCE=1: %v", got["answer"])
	}
}
