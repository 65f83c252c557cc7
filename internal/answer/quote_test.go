package answer

import (
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/retrieval"
)

func TestExcerptShowsTheQuotedSentence(t *testing.T) {
	text := "The mill opened in 1850 on the river bank. Osei Finch retired in 1988 after 38 years. He died in 1996 at his home in Leeds, where he had lived since the war."
	c := func(quote string) Citation {
		return Citation{N: 1, Hit: retrieval.Hit{Passage: corpus.Passage{ID: "a#1", Text: text}}, Quote: quote}
	}
	tests := []struct {
		quote string
		n     int
		want  string
	}{
		{"He died in 1996 at his home in Leeds, where he had lived since the war.", 160,
			"…in 1988 after 38 years. He died in 1996 at his home in Leeds, where he had lived since the war."},
		{"Osei Finch retired in 1988 after 38 years.", 80, "…river bank. Osei Finch retired in 1988 after 38 years. He died in 1996 at his…"},
		{"", 40, "The mill opened in 1850 on the river…"},
		{"A sentence that is not in the passage.", 160, "A sentence that is not in the passage."},
	}
	for _, tc := range tests {
		if got := c(tc.quote).Excerpt(tc.n); got != tc.want {
			t.Errorf("Excerpt(%q, %d) =\n %q\nwant\n %q", tc.quote, tc.n, got, tc.want)
		}
	}
}

func TestBestSentence(t *testing.T) {
	p := "The mill opened in 1850. Osei Finch retired in 1988. He died in 1996."
	if got := BestSentence("Finch retired from the mill in 1988 [1].", p); got != "Osei Finch retired in 1988." {
		t.Fatalf("got %q", got)
	}
	if got := BestSentence("Nothing in common", p); got != "" {
		t.Fatalf("got %q", got)
	}
}
