package bot

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestSplitMessage(t *testing.T) {
	para := func(n int, word string) string { return strings.TrimSpace(strings.Repeat(word+" ", n)) }
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"empty", "", 50, nil},
		{"whitespace only", " \n\n ", 50, nil},
		{"fits", "Short answer [1].", 50, []string{"Short answer [1]."}},
		{
			"paragraph boundary preferred",
			para(5, "aaaa") + "\n\n" + para(5, "bbbb") + "\nline two " + para(3, "cc"),
			45,
			[]string{para(5, "aaaa"), para(5, "bbbb") + "\nline two " + para(3, "cc")},
		},
		{
			"line boundary when no paragraph fits",
			"first line of text here\nsecond line of text here\nthird",
			50,
			[]string{"first line of text here\nsecond line of text here", "third"},
		},
		{
			"word boundary inside a long line",
			"one two three four five six seven eight nine ten eleven twelve",
			32,
			[]string{"one two three four five six", "seven eight nine ten eleven", "twelve"},
		},
		{
			"never inside a marker when cutting mid-word",
			strings.Repeat("x", 29) + "[12]" + strings.Repeat("y", 10),
			32,
			[]string{strings.Repeat("x", 29), "[12]" + strings.Repeat("y", 10)},
		},
		{
			"a code block is kept whole when it fits in the next chunk",
			"intro words here\n```go\nfmt.Println(1)\n```\nafter",
			32,
			[]string{"intro words here", "```go\nfmt.Println(1)\n```\nafter"},
		},
		{
			"a code block longer than a chunk is closed and reopened",
			"```go\n" + strings.Repeat("line();\n", 8) + "```",
			40,
			[]string{
				"```go\nline();\nline();\nline();\n```",
				"```go\nline();\nline();\nline();\n```",
				"```go\nline();\nline();\n```",
			},
		},
		{
			"multi-byte characters are counted, not bytes",
			strings.Repeat("é", 40),
			32,
			[]string{strings.Repeat("é", 32), strings.Repeat("é", 8)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitMessage(tt.text, tt.limit)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") || len(got) != len(tt.want) {
				t.Errorf("splitMessage(%q, %d)\n got %q\nwant %q", tt.text, tt.limit, got, tt.want)
			}
			checkChunks(t, tt.text, tt.limit, got)
		})
	}
}

func TestSplitMessageRealAnswer(t *testing.T) {
	text := renderAnswerText(longAnswer())
	chunks := splitMessage(text, maxMessageRunes)
	if len(chunks) < 2 {
		t.Fatalf("%d chunks", len(chunks))
	}
	checkChunks(t, text, maxMessageRunes, chunks)
	for i, c := range chunks[:len(chunks)-1] {
		// Every cut falls at a paragraph or line end: no chunk ends mid-sentence.
		if !strings.HasSuffix(c, ".") && !strings.HasSuffix(c, "```") && !strings.HasSuffix(c, "”") {
			t.Errorf("chunk %d ends mid-sentence: …%q", i, c[max(0, len(c)-40):])
		}
	}
}

var markerRE = regexp.MustCompile(`\[[0-9]{1,6}\]`)

// checkChunks checks what splitMessage promises for any input.
func checkChunks(t *testing.T, text string, limit int, chunks []string) {
	t.Helper()
	limit = max(limit, minSplitLimit)
	for i, c := range chunks {
		if n := utf8.RuneCountInString(c); n > limit {
			t.Errorf("chunk %d has %d runes, limit %d", i, n, limit)
		}
		if strings.TrimSpace(c) == "" {
			t.Errorf("chunk %d is blank", i)
		}
		if !utf8.ValidString(c) && utf8.ValidString(text) {
			t.Errorf("chunk %d is not valid UTF-8", i)
		}
		if i < len(chunks)-1 && strings.Count(c, fence)%2 != 0 {
			t.Errorf("chunk %d leaves a code block open: %q", i, c)
		}
	}
	if strings.Contains(text, "`") || !utf8.ValidString(text) {
		return // fences are added, or bytes rejoin into runes; the checks below compare text
	}
	joined := strings.Join(chunks, "")
	if squash(joined) != squash(text) {
		t.Errorf("text changed:\n got %q\nwant %q", squash(joined), squash(text))
	}
	n := 0
	for _, c := range chunks {
		n += len(markerRE.FindAllString(c, -1))
	}
	if want := len(markerRE.FindAllString(text, -1)); n != want {
		t.Errorf("%d markers across chunks, want %d: a marker was cut", n, want)
	}
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func FuzzSplitMessage(f *testing.F) {
	f.Add("Short answer [1].", 2000)
	f.Add(strings.Repeat("word [12] ", 300), 100)
	f.Add("para one\n\npara two\nline\n```go\ncode\n```\n", 32)
	f.Add("```"+strings.Repeat("x", 100)+"```", 40)
	f.Add(strings.Repeat("[123456]", 20), 33)
	f.Add(strings.Repeat("é`", 50)+"```", 35)
	f.Add("\v", 1929)                 // whitespace only: no chunk at all
	f.Add("0000\xcb    \x900000", 32) // invalid UTF-8 around a cut
	f.Fuzz(func(t *testing.T, text string, limit int) {
		limit = limit % 3000
		if limit < 0 {
			limit = -limit
		}
		chunks := splitMessage(text, limit)
		checkChunks(t, text, limit, chunks)
	})
}

func TestTruncateRunes(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four", 10, "one two…"},
		{"abcdefghijkl", 5, "abcd…"},
		{"see [12] here", 7, "see…"},
		{"éééééé", 3, "éé…"},
		{"anything", 1, "…"},
		{"anything", 0, ""},
	}
	for _, tt := range tests {
		got := truncateRunes(tt.in, tt.n)
		if got != tt.want {
			t.Errorf("truncateRunes(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
		if utf8.RuneCountInString(got) > max(tt.n, 0) {
			t.Errorf("truncateRunes(%q, %d) = %q is too long", tt.in, tt.n, got)
		}
	}
}

// TestSplitMessageLinear guards against quadratic time on hostile input:
// long runs of backticks, spaces inside code, digits after "[".
func TestSplitMessageLinear(t *testing.T) {
	const n = 200_000
	for name, in := range map[string]string{
		"backticks":      strings.Repeat("`", n),
		"spaces in code": "```\n" + strings.Repeat(" ", n) + "x",
		"digits":         "[" + strings.Repeat("1", n),
		"fence langs":    strings.Repeat("```"+strings.Repeat("a", 100), n/100),
		"words":          strings.Repeat("word [12] ", n/10),
	} {
		start := time.Now()
		splitMessage(in, minSplitLimit)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(in))
		}
	}
}
