package llm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzKeyRedactor: however the text is split into chunks, the redacted
// stream equals the whole text with the key replaced, and holds no key.
func FuzzKeyRedactor(f *testing.F) {
	f.Add("key "+testKey+" and "+testKey[:5], 3)
	f.Add(testKey+testKey, 1)
	f.Add("sk-sk-test-SECRET-4f1c2a9b7e", 2)
	f.Fuzz(func(t *testing.T, text string, size int) {
		size = max(1, size%64)
		r := newKeyRedactor(testKey)
		var out strings.Builder
		for i := 0; i < len(text); i += size {
			out.WriteString(r.Write(text[i:min(len(text), i+size)]))
		}
		out.WriteString(r.Close())
		if want := strings.ReplaceAll(text, testKey, "[redacted]"); out.String() != want {
			t.Fatalf("chunks of %d: %q, want %q", size, out.String(), want)
		}
	})
}

// FuzzCapText: a cut answer is within the cap and a prefix of the text
// (plus "…").
func FuzzCapText(f *testing.F) {
	f.Add("One [1]. Two three four.", 12)
	f.Add("Supercalifragilistic", 6)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		limit = 1 + (limit&0x7fffffff)%200
		if !utf8.ValidString(text) {
			return
		}
		got, cut := capText(text, limit)
		if n := utf8.RuneCountInString(got); n > limit {
			t.Fatalf("capText(%q, %d) = %q, %d runes", text, limit, got, n)
		}
		if cut && !strings.HasPrefix(text, strings.TrimSuffix(got, "…")) {
			t.Fatalf("capText(%q, %d) = %q is not a prefix", text, limit, got)
		}
	})
}
