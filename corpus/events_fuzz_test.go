package corpus

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// FuzzExtractEvents checks the extractor's invariants on any text: no panic,
// start ≤ end, a known precision and known flags, and a label cut from the
// passage as written.
func FuzzExtractEvents(f *testing.F) {
	if data, err := os.ReadFile("builtin/china-kazakhstan-relations.txt"); err == nil {
		f.Add(string(data))
		for _, para := range strings.Split(string(data), "\n\n") {
			f.Add(para)
		}
	}
	for _, seed := range []string{
		"On 9 July 2020, the embassy warned.\n\nHowever, the next day, the ministry denied it.",
		"Under the reign of Jiajing (1522–1566), contacts stopped after 1537.",
		"The Han dynasty (206 BC – AD 220) and the 5th century BC; c. 1500; the early 1990s.",
		"From 2015 to 2017, between 1850 and 1860, from 1991 to the present, 1998–99.",
		"In 1997, both signed. Two years later, a year later, the following year, that same year.",
		"[25]: 215  580,000 square kilometers, $35 billion by 2030, 10 million ton, [ 22 ] [citation needed]",
		"2020-07-09 Sept. 11, 2001 3rd of January 1992 the twenty-first century A.D. 9 300 B.C.E.",
		"1 BC. A year later. 31 December 9999. The next day. 29 February 1900 29 February 2000",
		"(618–907) (100–200) (500–400 BC) in 1862 and 1864, 1881 or 1900 mid-1990s 1000s of",
		"---\ndate: 2020-05-01\n---\n\n```py\nx = '2024-01-01'\n\n```\nFounded 1887. Closed 1921. That year it shut.",
		"The 2008 financial crisis; the crisis of 2008; By 2012 more than half; FY2019; FY 2019; Q3 2011; Q4 2011",
		"the third quarter of 2011, the last quarter of 2012, 12/05/2003, 25/05/2003 1/1/2000 31/02/2003 1/2/3/2004",
		"Smith (2005) argues; (Smith, 2005); Smith et al. 2005; (Smith & Jones, 2005; Lee, 2007) the 1st century of the new millennium",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var passages []Passage
		byID := map[string]string{}
		for i, para := range strings.Split(text, "\n\n") {
			p := Passage{ID: fmt.Sprintf("fuzz#%d", i+1), Source: "fuzz", Text: para}
			passages = append(passages, p)
			byID[p.ID] = p.Text
		}
		events := ExtractEvents(passages)
		for _, e := range events {
			if e.Start.Compare(e.End) > 0 {
				t.Errorf("%q: start %s after end %s", e.Label, e.Start, e.End)
			}
			switch e.Precision {
			case PrecisionDay, PrecisionMonth, PrecisionYear, PrecisionRange, PrecisionDecade, PrecisionCentury, PrecisionApproximate:
			default:
				t.Errorf("%q: precision %q", e.Label, e.Precision)
			}
			passage, ok := byID[e.PassageID]
			if !ok {
				t.Fatalf("%q: unknown passage %q", e.Label, e.PassageID)
			}
			if e.Label == "" || !strings.Contains(passage, e.Label) {
				t.Errorf("label %q is not in the passage %q", e.Label, passage)
			}
			if e.Text == "" {
				t.Errorf("%q: empty text", e.Label)
			}
			for _, flag := range e.Flags {
				if !slices.Contains(flagNames[:], flag) {
					t.Errorf("%q: flag %q", e.Label, flag)
				}
			}
			if slices.Contains(e.Flags, "approximate") != (e.Precision == PrecisionApproximate) {
				t.Errorf("%q: precision %s with flags %v", e.Label, e.Precision, e.Flags)
			}
			if e.Start.Year == 0 || e.End.Year == 0 {
				t.Errorf("%q: year 0 in %s–%s", e.Label, e.Start, e.End)
			}
			if !e.Overlaps(e.Start.Year, e.End.Year) {
				t.Errorf("%q: does not overlap its own span", e.Label)
			}
		}
		SortEvents(events)
		if !slices.IsSortedFunc(events, func(a, b Event) int {
			if c := a.Start.Compare(b.Start); c != 0 {
				return c
			}
			return a.End.Compare(b.End)
		}) {
			t.Error("SortEvents left events out of order")
		}
	})
}
