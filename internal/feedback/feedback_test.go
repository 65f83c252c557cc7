package feedback

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestVotesAndReport follows a docs owner's path: answers are recorded,
// users vote, one changes their mind, and the report says what to fix.
func TestVotesAndReport(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "data", FileName))
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	answers := []Answer{
		{ID: "1", Question: "When were relations formed?", Text: "On January 3, 1992 [1].", Citations: []string{"a.txt#3"}, Backend: "extractive", At: t0},
		{ID: "2", Question: "Who built the pipeline?", Text: "", Backend: "extractive", Abstained: true, At: t0.Add(time.Minute)},
		{ID: "3", Question: "who built the  pipeline", Backend: "extractive", Abstained: true, At: t0.Add(2 * time.Minute)},
		{ID: "4", Question: "What is the capital?", Backend: "extractive", Abstained: true, At: t0.Add(3 * time.Minute)},
		{ID: "old", Question: "Too old", Backend: "extractive", Abstained: true, At: t0.Add(-48 * time.Hour)},
	}
	for _, a := range answers {
		if err := s.RecordAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	votes := []Vote{
		{AnswerID: "1", UserID: "u1", Up: true, At: t0.Add(time.Minute)},
		{AnswerID: "1", UserID: "u2", Up: true, At: t0.Add(time.Minute)},
		// u1 changes their mind: one vote per user per answer.
		{AnswerID: "1", UserID: "u1", Up: false, At: t0.Add(2 * time.Minute)},
	}
	for _, v := range votes {
		if err := s.RecordVote(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	r, err := s.Report(ctx, t0.Add(-time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if r.Answers != 4 || r.Abstained != 3 || r.Up != 1 || r.Down != 1 {
		t.Errorf("counts = %d answers, %d abstained, %d up, %d down; want 4, 3, 1, 1", r.Answers, r.Abstained, r.Up, r.Down)
	}
	if len(r.Downvoted) != 1 {
		t.Fatalf("downvoted = %+v, want answer 1", r.Downvoted)
	}
	d := r.Downvoted[0]
	if d.AnswerID != "1" || d.Question != "When were relations formed?" || len(d.Citations) != 1 || d.Citations[0] != "a.txt#3" || d.Down != 1 || d.Up != 1 {
		t.Errorf("downvoted = %+v", d)
	}
	if len(r.Unanswered) != 2 || r.Unanswered[0].Count != 2 || r.Unanswered[0].Question != "who built the  pipeline" || r.Unanswered[1].Count != 1 {
		t.Errorf("unanswered = %+v, want the pipeline question twice first", r.Unanswered)
	}
}

// TestReopenKeepsDataAndVersion checks the schema version is stored and a
// second Open migrates nothing and loses nothing.
func TestReopenKeepsDataAndVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s := open(t, path)
	if err := s.RecordAnswer(ctx, Answer{ID: "1", Question: "q", Abstained: true, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version = %d (%v), want %d", v, err, SchemaVersion)
	}
	r, err := s.Report(ctx, time.Time{}, 5)
	if err != nil || r.Answers != 1 {
		t.Fatalf("after reopening: %+v, %v", r, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s := open(t, path)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
}

func TestReadOnlyFolderFailsToOpen(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a POSIX user without CAP_DAC_OVERRIDE")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if s, err := Open(context.Background(), filepath.Join(dir, FileName)); err == nil {
		s.Close()
		t.Fatal("Open in a read-only folder succeeded")
	}
}
