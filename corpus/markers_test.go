package corpus

import "testing"

func TestStripMarkers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[13] During the Han dynasty", "During the Han dynasty"},
		{"[25]: 215  Kazakh political elites", "Kazakh political elites"},
		{"[40]:\u200a158\u200a On 9 July 2020", "On 9 July 2020"},
		{"[30][31] In 1997, both", "In 1997, both"},
		{"[citation needed] Ürümqi stages", "Ürümqi stages"},
		{"fabrics. [ 22 ]\nThe railway", "fabrics. \nThe railway"},
		{"self-media [zh] (personal media)", "self-media (personal media)"},
		{"\"[53] China compromised", "\" China compromised"},
		{"no markers here", "no markers here"},
		{"see [the docs](https://x.org) and [1](https://y.org)", "see [the docs](https://x.org) and [1](https://y.org)"},
		{"a [see] b", "a [see] b"},
		{"keeps [a longer bracket] and [1992 text]", "keeps [a longer bracket] and [1992 text]"},
	}
	for _, tc := range tests {
		if got := StripMarkers(tc.in); got != tc.want {
			t.Errorf("StripMarkers(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
