package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/retrieval"
)

func TestIndexReportsChangedDocuments(t *testing.T) {
	docs, data := t.TempDir(), t.TempDir()
	files := map[string]string{
		"a.txt": "Lighthouses\n\nThe Greystone lighthouse was first lit in 1901.\n\nIts lamp burned paraffin.",
		"b.txt": "Mills\n\nThe mill was built in 1820.\n\nIt ground oats.",
		"c.md":  "# Docks\n\nThe dock was dug in 1850.\n\nIt silted up by 1900.",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errb := runCLI(t, "", "index", "--corpus", docs, "--data", data); code != 0 || strings.Contains(out, "changes:") {
		t.Fatalf("first index: %d %q %q", code, out, errb)
	}
	os.WriteFile(filepath.Join(docs, "b.txt"), []byte(files["b.txt"]+"\n\nIt closed in 1950."), 0o644)
	code, out, errb := runCLI(t, "", "index", "--corpus", docs, "--data", data)
	if code != 0 || !strings.Contains(out, "index:     built (corpus changed)") ||
		!strings.Contains(out, "changes:   1 document changed, 3 passages re-embedded, 4 kept\n") {
		t.Fatalf("after a change: %d %q %q", code, out, errb)
	}
}

func TestUpdateLine(t *testing.T) {
	many := make([]string, 7)
	for i := range many {
		many[i] = string(rune('a'+i)) + ".md"
	}
	tests := []struct {
		u    engine.Update
		want string
	}{
		{engine.Update{Added: []string{"new.md"}, Report: retrieval.OpenReport{Update: retrieval.UpdateStats{Incremental: true, Added: 1, Reembedded: 41, Kept: 12004}}},
			"corpus updated: added new.md (1 document changed, 41 passages re-embedded, 12,004 kept)"},
		{engine.Update{Changed: many, Removed: []string{"old.md"}, Report: retrieval.OpenReport{Update: retrieval.UpdateStats{Reembedded: 9}}},
			"corpus updated: changed a.md, b.md, c.md, d.md, e.md and 2 more; removed old.md"},
		{engine.Update{Added: []string{"evil\x1b[2J.md"}},
			"corpus updated: added evil\\x1b[2J.md"},
	}
	for _, tc := range tests {
		tc.u.Corpus = &corpus.Corpus{}
		if got := updateLine(tc.u); got != tc.want {
			t.Errorf("updateLine = %q, want %q", got, tc.want)
		}
	}
}
