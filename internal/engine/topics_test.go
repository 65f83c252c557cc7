package engine

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
)

// tokenRe is what tokens replaces; the fuzz test holds them equal.
var tokenRe = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’-]*|[^\s\p{L}\p{N}]`)

func collectTokens(s string) []string {
	var out []string
	for i, w := range tokens(s) {
		if i != len(out) {
			return append(out, "<bad index>")
		}
		out = append(out, w)
	}
	return out
}

func TestTokensMatchRegexp(t *testing.T) {
	for _, s := range []string{
		"", "Zhang Qian's envoy—in 138 BC—reached the Yuezhi.",
		"Ürümqi  co-operation l’État x²\u00a0y\v\f\r\n",
		"\xff\xfe broken \xc3", "'-' - ’ a-b-", "東京 and 北京。",
	} {
		if got, want := collectTokens(s), tokenRe.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Errorf("tokens(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("The Protocol of Chuguchak (1864) ceded 44,000 km².")
	f.Add("l’État\u00a0Ürümqi\xff-'")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collectTokens(s), tokenRe.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Fatalf("tokens(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestTopicsStoredWithIndex: topics are extracted when the index is built
// and read back from it; opening a stored index extracts nothing.
func TestTopicsStoredWithIndex(t *testing.T) {
	calls := 0
	extractTopics = func(ps []corpus.Passage) []string { calls++; return topicsOf(ps) }
	t.Cleanup(func() { extractTopics = topicsOf })
	dir := t.TempDir()
	if _, err := Open(context.Background(), dir, corpus.Builtin()); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("building the index extracted topics %d times, want 1", calls)
	}
	e, err := Open(context.Background(), dir, corpus.Builtin())
	if err != nil || e.OpenReport().Rebuilt {
		t.Fatalf("reopen: %v %+v", err, e.OpenReport())
	}
	if got := e.Topics("chug", 5); len(got) == 0 || !strings.Contains(got[0], "Chuguchak") || calls != 1 {
		t.Fatalf("stored topics %q, extracted %d times", got, calls)
	}
}
