package analysis

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"stems and stop words", "The foundations were established", []string{"foundat", "establish"}},
		{"diacritics fold", "Ürümqi", []string{"urumqi"}},
		{"folded equals plain", "Urumqi", []string{"urumqi"}},
		{"possessive", "China's embassy", []string{"china", "embassi"}},
		{"numbers kept", "In 1862, 580,000 km", []string{"1862", "580", "000", "km"}},
		{"CJK unigrams and bigrams", "话剧", []string{"话", "剧", "话剧"}},
		{"CJK inside latin", "huaju (话剧, dramas)", []string{"huaju", "话", "剧", "话剧", "drama"}},
		{"special letters", "Łódź Ørsted straße", []string{"lodz", "orst", "strass"}},
		{"empty", "", nil},
		{"only punctuation", " — … !!", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Terms(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Terms(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Ürümqi": "urumqi", "ÀÉÎÕÜ": "aeiou", "Kazakh": "kazakh", "ß": "ss"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"two sentences", "One is here. Two is there.", []string{"One is here.", "Two is there."}},
		{"abbreviation", "The U.S. influence grew. It did.", []string{"The U.S. influence grew.", "It did."}},
		{"initials", "J. R. Smith wrote it. Then he left.", []string{"J. R. Smith wrote it.", "Then he left."}},
		{"markers after the stop", "Along the border.[30][31] In 1997, they signed.", []string{"Along the border.[30][31]", "In 1997, they signed."}},
		{"quote closes", `He said "it is fake." Then he left.`, []string{`He said "it is fake."`, "Then he left."}},
		{"lower case continues", "About 3 p.m. the rest came.", []string{"About 3 p.m. the rest came."}},
		{"caption lines", "A caption line\nKyrgyz deliver a horse.", []string{"A caption line", "Kyrgyz deliver a horse."}},
		{"wrapped line", "the treaty was signed by\nthe two sides.", []string{"the treaty was signed by\nthe two sides."}},
		{"hard-wrapped prose goes on past a capital", "Find uses binary search to find and return the smallest index and\n    Reader values are kept in the order they were read by the scanner.\n    Then it stops.",
			[]string{"Find uses binary search to find and return the smallest index and\n    Reader values are kept in the order they were read by the scanner.", "Then it stops."}},
		{"a short line among long ones is no wrapping", "Find uses binary search to find and return the smallest index.\nA caption\nKyrgyz deliver a horse to the emperor of China in the year 1757.",
			[]string{"Find uses binary search to find and return the smallest index.", "A caption", "Kyrgyz deliver a horse to the emperor of China in the year 1757."}},
		{"long numbered items are no wrapping", "1. Find uses binary search to find and return the smallest index\n2) Reader values are kept in the order they were read by the scanner",
			[]string{"1.", "Find uses binary search to find and return the smallest index", "2) Reader values are kept in the order they were read by the scanner"}},
		{"decade ends a sentence", "It grew in the 1990s. Then it fell.", []string{"It grew in the 1990s.", "Then it fell."}},
		{"no terminator", "no stop at the end", []string{"no stop at the end"}},
		{"question and exclamation", "Why? Because! Yes.", []string{"Why?", "Because!", "Yes."}},
		{"empty", "   ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sentences(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Sentences(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{"Ürümqi stages Kazakh huaju (话剧, dramas)", "[25]: 215 text", "\xff\xfe bad utf8", "日本語のテキスト", strings.Repeat("a", 500)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, term := range Terms(s) {
			if term == "" || !utf8.ValidString(term) || len(term) > 4*maxWordBytes {
				t.Fatalf("bad term %q from %q", term, s)
			}
		}
		Words(s)
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"One. Two.", "U.S. A. B. C.", "x.[1][2] Y", "\n\nA\nB.", "a.[", "end."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sentences(s)
		// No words are lost or invented.
		if a, b := strings.Join(strings.Fields(strings.Join(got, " ")), " "), strings.Join(strings.Fields(s), " "); a != b {
			t.Fatalf("Sentences(%q) = %q: words changed", s, got)
		}
		for _, sent := range got {
			if strings.TrimSpace(sent) == "" {
				t.Fatalf("empty sentence from %q", s)
			}
		}
	})
}
