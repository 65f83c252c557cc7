package llm

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRewriteCitations(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		n       int
		want    string
		sources []int
	}{
		{"renumbered in order of first use", "The border is long [2]. Relations began in 1992 [1].", 3,
			"The border is long [1]. Relations began in 1992 [2].", []int{2, 1}},
		{"reused source keeps its number", "A [2]. B [2][1]. C [1].", 2, "A [1]. B [1][2]. C [2].", []int{2, 1}},
		{"list", "A [1, 3].", 3, "A [1][2].", []int{1, 3}},
		{"semicolon list with spaces", "A [ 3 ; 1 ].", 3, "A [1][2].", []int{3, 1}},
		{"hyphen range", "A [2-3].", 3, "A [1][2].", []int{2, 3}},
		{"en dash range", "A [2–4].", 5, "A [1][2][3].", []int{2, 3, 4}},
		{"em dash range with spaces", "A [1 — 2].", 2, "A [1][2].", []int{1, 2}},
		{"reversed range", "A [3-1].", 3, "A [1][2][3].", []int{1, 2, 3}},
		{"range past the end is dropped, not cut", "A [1-200].", 5, "A.", nil},
		{"range partly past the end is dropped", "A [2-4] B [1].", 3, "A B [1].", []int{1}},
		{"range of more than ten is dropped", "A [1-11]. B [1-10].", 20, "A. B [1][2][3][4][5][6][7][8][9][10].", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"marker naming more than ten is dropped", "A [1,2,3,4,5,6,7,8,9,10,11].", 20, "A.", nil},
		{"number past the sources removed", "A [1000] B [1].", 5, "A B [1].", []int{1}},
		{"year-like number past the sources removed", "In [2021], yes [1].", 5, "In, yes [1].", []int{1}},
		{"duplicates within a marker", "A [2, 2, 2-2].", 2, "A [1].", []int{2}},
		{"out of range removed with its space", "A [7]. B [1].", 3, "A. B [1].", []int{1}},
		{"zero removed", "A [0].", 3, "A.", nil},
		{"invalid dropped from a list", "A [1, 9].", 2, "A [1].", []int{1}},
		{"no valid citation", "A [4] and B [5].", 3, "A and B.", nil},
		{"leading marker removed", "[9] Hello [1].", 1, "Hello [1].", []int{1}},
		{"line break kept before a removed marker", "One.\n\n[9] Two [1].", 1, "One.\n\nTwo [1].", []int{1}},
		{"line break kept after a removed marker", "One [9]\n\nTwo [1].", 1, "One\n\nTwo [1].", []int{1}},
		{"not citations", "See [note] and [a](http://x) or [1,] or [1234567890].", 9,
			"See [note] and [a](http://x) or [1,] or [1234567890].", nil},
		{"unfinished marker at the end", "see [1", 3, "see [1", nil},
		{"nested marker kept", "x [[2]] y", 2, "x [[1]] y", []int{2}},
		{"nested removed marker cannot join", "x [1[9]0] y", 2, "x [1(9)0] y", nil},
		{"surrounding whitespace trimmed", "  \n A [1]. \n ", 1, "A [1].", []int{1}},
		{"no sources", "A [1].", 0, "A.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, sources := rewriteCitations(tt.text, tt.n)
			if got != tt.want || !slices.Equal(sources, tt.sources) {
				t.Errorf("rewriteCitations(%q, %d) = %q, %v; want %q, %v", tt.text, tt.n, got, sources, tt.want, tt.sources)
			}
			if byRune := rewriteInPieces(tt.text, tt.n, 1); byRune != got {
				t.Errorf("written byte by byte: %q, at once: %q", byRune, got)
			}
		})
	}
}

// rewriteInPieces feeds text to a rewriter size bytes at a time, splitting
// runes and markers.
func rewriteInPieces(text string, n, size int) string {
	w := newRewriter(n)
	var b strings.Builder
	for i := 0; i < len(text); i += size {
		b.WriteString(w.Write(text[i:min(i+size, len(text))]))
	}
	b.WriteString(w.Close())
	return b.String()
}

func TestStripCitations(t *testing.T) {
	got := stripCitations("Relations began in 1992 [1][2]. The border [3–4] is long.")
	if want := "Relations began in 1992. The border is long."; got != want {
		t.Errorf("stripCitations = %q, want %q", got, want)
	}
}

func TestMarkerNumbers(t *testing.T) {
	got := markerNumbers("A [1]. B [2][1] and [1(9)0] or [3] [12345]", 2)
	if want := []int{1, 2, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("markerNumbers = %v, want %v", got, want)
	}
}

// FuzzCitations feeds untrusted model output to the citation rewriter: it
// must not panic, every marker left must name a cited source, sources are
// numbered 1..k in order of first use, and chunking does not matter.
func FuzzCitations(f *testing.F) {
	for _, s := range []string{
		"The border is long [2]. Relations began in 1992 [1].",
		"A [1, 3] B [2–4] C [9] D [0] E [1-999]",
		"x [1[9]0] y [[2]] z [ 1 ; 2 ] [1,] [12345] [",
		"One.\n\n[9] Two [1].\u2028[3—1]",
		"\xe2\x80[1\xe2\x80\x93 2]",
	} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, text string, n uint8) {
		sources := int(n % 12)
		out, cited := rewriteCitations(text, sources)
		seen := map[int]bool{}
		for _, s := range cited {
			if s < 1 || s > sources || seen[s] {
				t.Fatalf("cited %v for %d sources", cited, sources)
			}
			seen[s] = true
		}
		// The output's markers are exactly [1]..[k], first used in order.
		again, order := rewriteCitations(out, len(cited))
		if again != out {
			t.Fatalf("output is not stable:\n in: %q\nout: %q\nagain: %q", text, out, again)
		}
		for i, k := range order {
			if k != i+1 {
				t.Fatalf("markers of %q are first used in order %v", out, order)
			}
		}
		if len(order) != len(cited) {
			t.Fatalf("output %q uses %d of %d citations", out, len(order), len(cited))
		}
		for _, size := range []int{1, 3} {
			if pieces := rewriteInPieces(text, sources, size); pieces != out {
				t.Fatalf("in pieces of %d: %q, at once: %q", size, pieces, out)
			}
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("valid input gave invalid UTF-8 %q", out)
		}
		_ = stripCitations(text)
	})
}
