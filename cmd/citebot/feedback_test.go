package main

import (
	"context"
	"image/png"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/feedback"
)

func TestParseAge(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7d", 7 * 24 * time.Hour, true},
		{"24h", 24 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"0", 0, true},
		{"-1d", 0, false},
		{"-5h", 0, false},
		{"week", 0, false},
	}
	for _, tt := range tests {
		got, err := parseAge(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseAge(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestFeedbackHuman(t *testing.T) {
	data := t.TempDir()
	code, out, _ := runCLI(t, "", "feedback", "--data", data)
	if code != 0 || !strings.Contains(out, "no feedback recorded yet") {
		t.Fatalf("exit %d: %q", code, out)
	}
	st, err := feedback.Open(context.Background(), filepath.Join(data, feedback.FileName))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, a := range []feedback.Answer{
		{ID: "1", Question: "When?", Text: "Then [1].", Citations: []string{"a.txt#1"}, Backend: "extractive", At: now},
		{ID: "2", Question: "Why \x1b[31m?", Abstained: true, Backend: "extractive", At: now},
	} {
		if err := st.RecordAnswer(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.RecordVote(context.Background(), feedback.Vote{AnswerID: "1", UserID: "u", At: now}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := runCLI(t, "", "feedback", "--data", data, "--since", "1d")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2 answers, 1 abstained; 0 👍, 1 👎", "When? — 1 👎, 0 👍 (extractive)", "cited: a.txt#1", `1× Why \x1b[31m?`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI(t, "", "feedback", "--since", "week", "--data", data); code != 2 {
		t.Errorf("--since week: exit %d, want 2", code)
	}
}

func TestTimelinePNG(t *testing.T) {
	out := filepath.Join(t.TempDir(), "chart.png")
	code, _, errOut := runCLI(t, "", "timeline", "--data", t.TempDir(), "--png", out)
	if code != 0 || !strings.Contains(errOut, "wrote the chart of") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width < 1200 {
		t.Fatalf("chart: %+v, %v", cfg, err)
	}
}

// TestServeWithoutFeedbackDatabase: a feedback database that cannot be
// opened is logged, and the bot gets no store rather than a broken one.
func TestServeWithoutFeedbackDatabase(t *testing.T) {
	data := t.TempDir()
	// A folder where the database file should be: SQLite cannot open it.
	if err := os.Mkdir(filepath.Join(data, feedback.FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	e := env{logger: slog.New(slog.NewTextHandler(&logs, nil))}
	st := openFeedback(context.Background(), &globals{Data: data}, e)
	if st != nil {
		st.Close()
		t.Fatal("opened a feedback database over a folder")
	}
	if !strings.Contains(logs.String(), "feedback will not be recorded") {
		t.Errorf("logs = %q", logs.String())
	}
	if feedbackStore(st) != nil {
		t.Error("a nil *feedback.Store became a non-nil bot.FeedbackStore")
	}
}
