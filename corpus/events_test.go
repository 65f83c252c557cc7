package corpus

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// builtinPassages splits the built-in corpus at blank lines, one passage per
// paragraph, the way the loader does.
func builtinPassages(t testing.TB) []Passage {
	t.Helper()
	data, err := os.ReadFile("builtin/china-kazakhstan-relations.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []Passage
	for _, para := range strings.Split(string(data), "\n\n") {
		if para = strings.TrimSpace(para); para == "" {
			continue
		}
		out = append(out, Passage{
			ID:     fmt.Sprintf("china-kazakhstan-relations.txt#%d", len(out)+1),
			Source: "china-kazakhstan-relations.txt",
			Text:   para,
		})
	}
	return out
}

// A new user's path: the timeline of the built-in corpus, in order.
func TestExtractEventsBuiltinTimeline(t *testing.T) {
	events := ExtractEvents(builtinPassages(t))
	SortEvents(events)

	want := []struct{ label, start, end, text string }{
		{"(1522–1566)", "1522", "1566", "Under the reign of Jiajing"},
		{"after 1537", "1537", "1537", "contacts stopped after 1537"},
		{"(1757)", "1757", "1757", "white horse"},
		{"mid-19th century", "1830", "1870", "origins of the border line"},
		{"1862", "1862", "1862", "Cossack cavalry invaded"},
		{"(1864)", "1864", "1864", "Protocol of Chuguchak"},
		{"(1881)", "1881", "1881", "Treaty of Saint Petersburg"},
		{"January 3, 1992", "1992-01-03", "1992-01-03", "formed diplomatic relations"},
		{"1997", "1997", "1997", "reduce the presence of military forces"},
		{"October 16, 2013", "2013-10-16", "2013-10-16", "memorandum of understanding"},
		{"From 2015 to 2017", "2015", "2017", "five agreements"},
		{"9 July 2020", "2020-07-09", "2020-07-09", "unidentified strain of pneumonia"},
		{"the next day", "2020-07-10", "2020-07-10", "dismissed the claim"},
		{"28 March 2023", "2023-03-28", "2023-03-28", "Second friendly dialogue"},
		{"by 2030", "2030", "2030", "annual trade turnover"},
	}
	if len(events) != len(want) {
		for _, e := range events {
			t.Logf("%s–%s %q %v", e.Start, e.End, e.Label, e.Flags)
		}
		t.Fatalf("got %d events, want %d", len(events), len(want))
	}
	for i, w := range want {
		e := events[i]
		if e.Label != w.label || e.Start.String() != w.start || e.End.String() != w.end || !strings.Contains(e.Text, w.text) {
			t.Errorf("event %d = %s–%s %q %q\nwant %s–%s %q with text containing %q",
				i, e.Start, e.End, e.Label, e.Text, w.start, w.end, w.label, w.text)
		}
		if strings.Contains(e.Text, "[") {
			t.Errorf("event %d text keeps a reference marker: %q", i, e.Text)
		}
	}
	if got := events[12].Flags; !slices.Equal(got, []string{"relative"}) {
		t.Errorf("the next day: flags %v, want [relative]", got)
	}
	if got := events[12].PassageID; got != "china-kazakhstan-relations.txt#15" {
		t.Errorf("the next day: passage %s", got)
	}
	if got := events[14].Flags; !slices.Equal(got, []string{"target"}) {
		t.Errorf("by 2030: flags %v, want [target]", got)
	}
}

type wantEvent struct {
	start, end string
	prec       Precision
	label      string
	flags      string // comma-separated
}

func TestExtractEventsExpressions(t *testing.T) {
	tests := []struct {
		text string
		want []wantEvent
	}{
		// full dates, both orders
		{"They formed diplomatic relations on January 3, 1992, the same day.",
			[]wantEvent{{"1992-01-03", "1992-01-03", PrecisionDay, "January 3, 1992", ""}}},
		{"On 9 July 2020, the embassy issued a warning.",
			[]wantEvent{{"2020-07-09", "2020-07-09", PrecisionDay, "9 July 2020", ""}}},
		{"On 28 March 2023, they signed a second dialogue.",
			[]wantEvent{{"2023-03-28", "2023-03-28", PrecisionDay, "28 March 2023", ""}}},
		{"On October 16, 2013, the Majilis signed a memorandum.",
			[]wantEvent{{"2013-10-16", "2013-10-16", PrecisionDay, "October 16, 2013", ""}}},
		{"The attacks of Sept. 11, 2001 changed the region.",
			[]wantEvent{{"2001-09-11", "2001-09-11", PrecisionDay, "Sept. 11, 2001", ""}}},
		{"He was born on the 3rd of January 1992 in Almaty.",
			[]wantEvent{{"1992-01-03", "1992-01-03", PrecisionDay, "3rd of January 1992", ""}}},
		{"The report is dated 2020-07-09.",
			[]wantEvent{{"2020-07-09", "2020-07-09", PrecisionDay, "2020-07-09", ""}}},
		{"Caesar died on 15 March 44 BC.",
			[]wantEvent{{"-0044-03-15", "-0044-03-15", PrecisionDay, "15 March 44 BC", ""}}},
		// month and year
		{"In July 2020 the embassy issued a warning.",
			[]wantEvent{{"2020-07", "2020-07", PrecisionMonth, "July 2020", ""}}},
		// plain years in context
		{"In 1862, Russian Cossack cavalry invaded Xinjiang.",
			[]wantEvent{{"1862", "1862", PrecisionYear, "1862", ""}}},
		{"They gave a white horse to the Qianlong Emperor of China (1757), soon after.",
			[]wantEvent{{"1757", "1757", PrecisionYear, "(1757)", ""}}},
		{"[30][31] In 1997, both nations signed an agreement.",
			[]wantEvent{{"1997", "1997", PrecisionYear, "1997", ""}}},
		{"The border was readjusted by the Treaty of 1881.",
			[]wantEvent{{"1881", "1881", PrecisionYear, "1881", ""}}},
		{"Russia invaded in 1862 and 1864.",
			[]wantEvent{{"1862", "1862", PrecisionYear, "1862", ""}, {"1864", "1864", PrecisionYear, "1864", ""}}},
		{"In 751, the Abbasids defeated the Tang at Talas.",
			[]wantEvent{{"0751", "0751", PrecisionYear, "751", ""}}},
		// ranges
		{"Under the reign of Jiajing (1522–1566), contacts flourished.",
			[]wantEvent{{"1522", "1566", PrecisionRange, "(1522–1566)", ""}}},
		{"Under the reign of Jiajing (1522-1566), contacts flourished.",
			[]wantEvent{{"1522", "1566", PrecisionRange, "(1522-1566)", ""}}},
		{"From 2015 to 2017, Kazakhstan and China signed five agreements.",
			[]wantEvent{{"2015", "2017", PrecisionRange, "From 2015 to 2017", ""}}},
		{"The town grew quickly between 1850 and 1860.",
			[]wantEvent{{"1850", "1860", PrecisionRange, "between 1850 and 1860", ""}}},
		{"The Tang dynasty (618–907) traded along the Silk Road.",
			[]wantEvent{{"0618", "0907", PrecisionRange, "(618–907)", ""}}},
		{"The Han dynasty (206 BC – AD 220) sent envoys west.",
			[]wantEvent{{"-0206", "0220", PrecisionRange, "(206 BC – AD 220)", ""}}},
		{"Between 1900–1950 the city grew.",
			[]wantEvent{{"1900", "1950", PrecisionRange, "1900–1950", ""}}},
		{"In 1998–99, trade doubled.",
			[]wantEvent{{"1998", "1999", PrecisionRange, "1998–99", ""}}},
		{"The party has ruled from 1991 to the present.",
			[]wantEvent{{"1991", "1991", PrecisionYear, "from 1991 to the present", "open-end"}}},
		// open and fuzzy spans
		{"Contacts stopped after 1537.",
			[]wantEvent{{"1537", "1537", PrecisionYear, "after 1537", "open-end"}}},
		{"The house was built before 1900.",
			[]wantEvent{{"1900", "1900", PrecisionYear, "before 1900", "open-start"}}},
		{"The party has ruled since 1991.",
			[]wantEvent{{"1991", "1991", PrecisionYear, "since 1991", "open-end"}}},
		{"From 1862 onwards, settlers arrived.",
			[]wantEvent{{"1862", "1862", PrecisionYear, "1862 onwards", "open-end"}}},
		{"They aim to grow trade by up to $35 billion by 2030, following an agreement.",
			[]wantEvent{{"2030", "2030", PrecisionYear, "by 2030", "target"}}},
		{"The border dates back to the mid-19th century, when Russia advanced.",
			[]wantEvent{{"1830", "1870", PrecisionApproximate, "mid-19th century", "approximate"}}},
		{"Trade boomed in the 1990s.",
			[]wantEvent{{"1990", "1999", PrecisionDecade, "1990s", ""}}},
		{"Prices fell in the early 1990s.",
			[]wantEvent{{"1990", "1993", PrecisionApproximate, "early 1990s", "approximate"}}},
		{"Many towns were founded in the 1800s.",
			[]wantEvent{{"1800", "1899", PrecisionCentury, "1800s", ""}}},
		{"Trade flourished in the 10th and 11th centuries.",
			[]wantEvent{{"0900", "1099", PrecisionCentury, "10th and 11th centuries", ""}}},
		{"Nomads settled the steppe in the 19th century.",
			[]wantEvent{{"1800", "1899", PrecisionCentury, "19th century", ""}}},
		{"The twenty-first century began quietly.",
			[]wantEvent{{"2000", "2099", PrecisionCentury, "twenty-first century", ""}}},
		{"Herodotus wrote in the 5th century BC.",
			[]wantEvent{{"-0500", "-0401", PrecisionCentury, "5th century BC", ""}}},
		{"The khanate declined in the first half of the 18th century.",
			[]wantEvent{{"1700", "1749", PrecisionApproximate, "first half of the 18th century", "approximate"}}},
		{"The temple was built c. 1500.",
			[]wantEvent{{"1500", "1500", PrecisionApproximate, "c. 1500", "approximate"}}},
		// eras
		{"The Han dynasty was founded in 206 BC.",
			[]wantEvent{{"-0206", "-0206", PrecisionYear, "206 BC", ""}}},
		{"The Battle of Talas was fought in AD 751.",
			[]wantEvent{{"0751", "0751", PrecisionYear, "AD 751", ""}}},
		{"Rome was founded in 753 BCE.",
			[]wantEvent{{"-0753", "-0753", PrecisionYear, "753 BCE", ""}}},
		{"Coins from 300 B.C. were found.",
			[]wantEvent{{"-0300", "-0300", PrecisionYear, "300 B.C.", ""}}},
		// not dates
		{"The cavalry occupied 580,000 square kilometers.", nil},
		{"China claimed more than 34,000 square kilometers of territory.", nil},
		{"Trade is to grow by up to $35 billion.", nil},
		{"Around 10 million ton of rail freight crosses the border here annually.", nil},
		{"[13] During the Han dynasty, the Wusun practiced heqin.", nil},
		{"[25]: 215  Kazakh political elites portray cooperation positively.", nil},
		{"[25]: 1997 Kazakh political elites portray cooperation positively.", nil},
		{"[ 22 ] Kyrgyz horses were traded for silk.", nil},
		{"See page 1862 of the report.", nil},
		{"The figures are on pp. 1522–1566 of the survey.", nil},
		{"The city celebrated its 10th anniversary.", nil},
		{"Kazakhstan ranked 1st in the region.", nil},
		{"The fort was defended by 1200 soldiers.", nil},
		{"1200 soldiers marched west.", nil},
		{"The tunnel runs for 1500 meters in 1500 meters of rock.", nil},
		{"The claim was made in 751 cases.", nil},
		{"It had a population of 1500.", nil},
		{"The crowd numbered between 1500 and 2000 people.", nil},
		{"Prices rose 20% after COVID-19 spread, and the G20 met.", nil},
		{"Call 555-1862 for details.", nil},
		{"The drone flew 1862.5 metres in 2500 seconds.", nil},
		{"The heat wave started on July 9 in Almaty.", nil},
		{"He scored 1997 points.", nil},
		{"Thousands arrived over the 1000s of years since.", nil},
		{"Expected in 2500, the comet was late.", nil},
		{"Sales rose from 1200 to 1500.", nil},
		{"Estimates range from 1500 to 2000.", nil},
		{"The museum has 1800 items, up from 1200 in 2005.",
			[]wantEvent{{"2005", "2005", PrecisionYear, "2005", ""}}},
		{"Exports increased by 2030 tons.", nil},
		// issue 9: years named before what they date, or after an event word
		{"The 2008 financial crisis hit the banks.",
			[]wantEvent{{"2008", "2008", PrecisionYear, "2008", ""}}},
		{"The crisis of 2008 hit the banks.",
			[]wantEvent{{"2008", "2008", PrecisionYear, "2008", ""}}},
		{"By 2012 more than half of the staff worked from home.",
			[]wantEvent{{"2012", "2012", PrecisionYear, "By 2012", "target"}}},
		{"In 2012 most of the staff worked from home.",
			[]wantEvent{{"2012", "2012", PrecisionYear, "2012", ""}}},
		{"Founded 1887.", []wantEvent{{"1887", "1887", PrecisionYear, "1887", ""}}},
		{"Closed 1921.", []wantEvent{{"1921", "1921", PrecisionYear, "1921", ""}}},
		{"Founded 1887. Closed 1921.",
			[]wantEvent{{"1887", "1887", PrecisionYear, "1887", ""}, {"1921", "1921", PrecisionYear, "1921", ""}}},
		{"The mill, established 1887, closed in 1921.",
			[]wantEvent{{"1887", "1887", PrecisionYear, "1887", ""}, {"1921", "1921", PrecisionYear, "1921", ""}}},
		{"Revenue doubled in FY2019.",
			[]wantEvent{{"2019", "2019", PrecisionApproximate, "FY2019", "approximate"}}},
		{"Revenue doubled in FY 2019.",
			[]wantEvent{{"2019", "2019", PrecisionApproximate, "FY 2019", "approximate"}}},
		{"Sales fell in Q3 2011.",
			[]wantEvent{{"2011-07", "2011-09", PrecisionRange, "Q3 2011", ""}}},
		{"Sales fell in the third quarter of 2011.",
			[]wantEvent{{"2011-07", "2011-09", PrecisionRange, "third quarter of 2011", ""}}},
		{"Sales rose in the 4th quarter of 2011 and the first quarter of 2012.",
			[]wantEvent{{"2011-10", "2011-12", PrecisionRange, "4th quarter of 2011", ""}, {"2012-01", "2012-03", PrecisionRange, "first quarter of 2012", ""}}},
		{"The deal closed on 25/05/2003.",
			[]wantEvent{{"2003-05-25", "2003-05-25", PrecisionDay, "25/05/2003", ""}}},
		{"The deal closed on 05/25/2003.",
			[]wantEvent{{"2003-05-25", "2003-05-25", PrecisionDay, "05/25/2003", ""}}},
		{"The deal closed on 5/5/2003.",
			[]wantEvent{{"2003-05-05", "2003-05-05", PrecisionDay, "5/5/2003", ""}}},
		// issue 9: not dates
		{"The 1st century of the new millennium brought the internet.", nil},
		{"Growth in the first century of the third millennium was uneven.", nil},
		{"The deal closed on 12/05/2003.", nil},
		{"The form 31/02/2003 is not a day.", nil},
		{"The ratio was 12/05/20031 in the log.", nil},
		{"Smith (2005) argues that trade grew.", nil},
		{"Smith and Jones (2005) showed that trade grew.", nil},
		{"Trade grew quickly (Smith, 2005).", nil},
		{"Trade grew quickly (Smith & Jones, 2005; Lee, 2007).", nil},
		{"Trade grew quickly (Smith 2005).", nil},
		{"Smith et al. 2005 found that trade grew.", nil},
		{"Smith et al. (2005) found that trade grew.", nil},
		{"According to Smith (2005), trade grew.", nil},
		{"Kyrgyz envoys gave a horse to the Qianlong Emperor (1757).",
			[]wantEvent{{"1757", "1757", PrecisionYear, "(1757)", ""}}},
		{"The Treaty of Saint Petersburg (1881) ended the occupation.",
			[]wantEvent{{"1881", "1881", PrecisionYear, "(1881)", ""}}},
		{"In the 1st century, traders crossed the steppe.",
			[]wantEvent{{"0001", "0099", PrecisionCentury, "1st century", ""}}},
		// issue 9: code blocks and front matter are not prose
		{"---\ntitle: Notes\ndate: 2020-05-01\n---\nFounded 1887.",
			[]wantEvent{{"1887", "1887", PrecisionYear, "1887", ""}}},
		{"```python\nstart = '2024-01-01'\n```\nIn 1999, it reopened.",
			[]wantEvent{{"1999", "1999", PrecisionYear, "1999", ""}}},
		{"~~~\nIn 1999, nothing.\n~~~\nIn 2001, it reopened.",
			[]wantEvent{{"2001", "2001", PrecisionYear, "2001", ""}}},
		{"The ```inline``` code of 2024-01-01 stays prose.",
			[]wantEvent{{"2024-01-01", "2024-01-01", PrecisionDay, "2024-01-01", ""}}},
		{"---\nIn 1950, a rule was drawn.",
			[]wantEvent{{"1950", "1950", PrecisionYear, "1950", ""}}},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d expressions", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			events := ExtractEvents([]Passage{{ID: "doc.txt#1", Source: "doc.txt", Text: tt.text}})
			var got []wantEvent
			for _, e := range events {
				got = append(got, wantEvent{e.Start.String(), e.End.String(), e.Precision, e.Label, strings.Join(e.Flags, ",")})
				if e.PassageID != "doc.txt#1" || e.Text == "" {
					t.Errorf("event %q: passage %q, text %q", e.Label, e.PassageID, e.Text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestExtractEventsRelative(t *testing.T) {
	tests := []struct {
		name     string
		passages []string
		want     []wantEvent
	}{
		{"next day", []string{"On 9 July 2020, the embassy warned. The next day, the ministry denied it."},
			[]wantEvent{{"2020-07-09", "2020-07-09", PrecisionDay, "9 July 2020", ""},
				{"2020-07-10", "2020-07-10", PrecisionDay, "The next day", "relative"}}},
		{"across a month end", []string{"The treaty was signed on 31 January 2020. The following day it came into force."},
			[]wantEvent{{"2020-01-31", "2020-01-31", PrecisionDay, "31 January 2020", ""},
				{"2020-02-01", "2020-02-01", PrecisionDay, "The following day", "relative"}}},
		{"two years later", []string{"In 1997, both nations signed. Two years later, the border was demarcated."},
			[]wantEvent{{"1997", "1997", PrecisionYear, "1997", ""},
				{"1999", "1999", PrecisionYear, "Two years later", "relative"}}},
		{"the following year, past an undated sentence", []string{"In 1862, Cossacks invaded. Troops were defeated. The following year, a treaty was drafted."},
			[]wantEvent{{"1862", "1862", PrecisionYear, "1862", ""},
				{"1863", "1863", PrecisionYear, "The following year", "relative"}}},
		{"chained", []string{"On 9 July 2020, it began. The next day, it spread. A week later, it ended."},
			[]wantEvent{{"2020-07-09", "2020-07-09", PrecisionDay, "9 July 2020", ""},
				{"2020-07-10", "2020-07-10", PrecisionDay, "The next day", "relative"},
				{"2020-07-17", "2020-07-17", PrecisionDay, "A week later", "relative"}}},
		{"a year later, across the BC/AD boundary", []string{"The town was founded in 1 BC. A year later, it was walled."},
			[]wantEvent{{"-0001", "-0001", PrecisionYear, "1 BC", ""},
				{"0001", "0001", PrecisionYear, "A year later", "relative"}}},
		{"the next passage of the same source", []string{"On 9 July 2020, the embassy warned.", "However, the next day, the ministry denied it."},
			[]wantEvent{{"2020-07-09", "2020-07-09", PrecisionDay, "9 July 2020", ""},
				{"2020-07-10", "2020-07-10", PrecisionDay, "the next day", "relative"}}},
		{"no anchor", []string{"The embassy warned. The next day, the ministry denied it."}, nil},
		{"anchor too coarse", []string{"In 1997, both nations signed. The next day, troops withdrew."},
			[]wantEvent{{"1997", "1997", PrecisionYear, "1997", ""}}},
		{"open anchor", []string{"Contacts stopped after 1537. Two years later, envoys returned."},
			[]wantEvent{{"1537", "1537", PrecisionYear, "after 1537", "open-end"}}},
		{"anchor not in the directly preceding sentence of the previous passage",
			[]string{"On 9 July 2020, the embassy warned. Officials met.", "The next day, the ministry denied it."},
			[]wantEvent{{"2020-07-09", "2020-07-09", PrecisionDay, "9 July 2020", ""}}},
		{"vague count", []string{"In 1997, both nations signed. Several years later, the border was demarcated."},
			[]wantEvent{{"1997", "1997", PrecisionYear, "1997", ""}}},
		{"comparison, not a date", []string{"In 1997, both nations signed. Kyrgyzstan was founded the same year as its neighbour."},
			[]wantEvent{{"1997", "1997", PrecisionYear, "1997", ""}}},
		{"that year", []string{"The new harbour was planned in 1887. That year it opened to steamers."},
			[]wantEvent{{"1887", "1887", PrecisionYear, "1887", ""},
				{"1887", "1887", PrecisionYear, "That year", "relative"}}},
		{"that year at the end", []string{"The new harbour was planned in 1887. It opened that year"},
			[]wantEvent{{"1887", "1887", PrecisionYear, "1887", ""},
				{"1887", "1887", PrecisionYear, "that year", "relative"}}},
		{"that year-round is no year", []string{"The harbour was planned in 1887. It was built so that year-round service was possible."},
			[]wantEvent{{"1887", "1887", PrecisionYear, "1887", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []Passage
			for i, text := range tt.passages {
				ps = append(ps, Passage{ID: fmt.Sprintf("doc.txt#%d", i+1), Source: "doc.txt", Text: text})
			}
			var got []wantEvent
			for _, e := range ExtractEvents(ps) {
				got = append(got, wantEvent{e.Start.String(), e.End.String(), e.Precision, e.Label, strings.Join(e.Flags, ",")})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

// Fenced blocks and front matter span passages when they hold blank lines.
func TestExtractEventsSkipsCodeAndFrontMatterAcrossPassages(t *testing.T) {
	ps := []Passage{
		{ID: "a.md#1", Source: "a.md", Text: "---\ntitle: Notes"},
		{ID: "a.md#2", Source: "a.md", Text: "date: 2020-05-01\n---\nThe company was founded in 1887."},
		{ID: "a.md#3", Source: "a.md", Text: "```python\nstart = '2024-01-01'"},
		{ID: "a.md#4", Source: "a.md", Text: "print(start)  # 2025-01-01\n```"},
		{ID: "a.md#5", Source: "a.md", Text: "It closed in 1921."},
		{ID: "b.md#1", Source: "b.md", Text: "```\nunclosed 2030-01-01"},
		{ID: "c.md#1", Source: "c.md", Text: "In 1950, it reopened.\n\n---"},
	}
	var got []string
	for _, e := range ExtractEvents(ps) {
		got = append(got, e.PassageID+" "+e.Label)
	}
	want := []string{"a.md#2 1887", "a.md#5 1921", "c.md#1 1950"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// An ambiguous numeric date takes the order that the source's other numeric
// dates settle, else the corpus's, and is flagged; without evidence, or with
// contradicting evidence, it is left out.
func TestExtractEventsNumericDateOrder(t *testing.T) {
	tests := []struct {
		name     string
		passages [][2]string // source, text
		want     []string    // "start label flags"
	}{
		{"day first settled by the source",
			[][2]string{{"uk.txt", "The office opened on 25/06/2001."}, {"uk.txt", "The deal closed on 12/05/2003."}},
			[]string{"2001-06-25 25/06/2001 ", "2003-05-12 12/05/2003 ambiguous"}},
		{"month first settled by the source",
			[][2]string{{"us.txt", "The deal closed on 12/05/2003."}, {"us.txt", "The office opened on 06/25/2001."}},
			[]string{"2003-12-05 12/05/2003 ambiguous", "2001-06-25 06/25/2001 "}},
		{"a source without evidence follows the corpus",
			[][2]string{{"a.txt", "The office opened on 25/06/2001."}, {"b.txt", "The deal closed on 12/05/2003."}},
			[]string{"2001-06-25 25/06/2001 ", "2003-05-12 12/05/2003 ambiguous"}},
		{"a source's own evidence wins over the corpus",
			[][2]string{{"a.txt", "Opened 25/06/2001. Moved 26/07/2002."}, {"b.txt", "Opened 06/25/2001."}, {"b.txt", "The deal closed on 12/05/2003."}},
			[]string{"2001-06-25 25/06/2001 ", "2002-07-26 26/07/2002 ", "2001-06-25 06/25/2001 ", "2003-12-05 12/05/2003 ambiguous"}},
		{"contradicting evidence leaves it out",
			[][2]string{{"a.txt", "Opened 25/06/2001. Moved 06/26/2002."}, {"a.txt", "The deal closed on 12/05/2003."}},
			[]string{"2001-06-25 25/06/2001 ", "2002-06-26 06/26/2002 "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []Passage
			for i, sp := range tt.passages {
				ps = append(ps, Passage{ID: fmt.Sprintf("%s#%d", sp[0], i+1), Source: sp[0], Text: sp[1]})
			}
			var got []string
			for _, e := range ExtractEvents(ps) {
				got = append(got, e.Start.String()+" "+e.Label+" "+strings.Join(e.Flags, ","))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestExtractEventsOtherSourceIsNoAnchor(t *testing.T) {
	events := ExtractEvents([]Passage{
		{ID: "a.txt#1", Source: "a.txt", Text: "On 9 July 2020, the embassy warned."},
		{ID: "b.txt#1", Source: "b.txt", Text: "The next day, the ministry denied it."},
	})
	if len(events) != 1 {
		t.Fatalf("got %d events, want only the dated one: %+v", len(events), events)
	}
}

func TestExtractEventsTextAndOrder(t *testing.T) {
	events := ExtractEvents([]Passage{
		{ID: "d#1", Source: "d", Text: "[38] On October 16, 2013, they signed a memorandum. In 1997, troops left.[30][31]"},
		{ID: "d#2", Source: "d", Text: "Nothing dated here."},
		{ID: "d#3", Source: "d", Text: "Talks began in 1992 [ 22 ] and ended in 1993."},
	})
	want := []struct{ id, label, text string }{
		{"d#1", "October 16, 2013", "On October 16, 2013, they signed a memorandum."},
		{"d#1", "1997", "In 1997, troops left."},
		{"d#3", "1992", "Talks began in 1992 and ended in 1993."},
		{"d#3", "1993", "Talks began in 1992 and ended in 1993."},
	}
	if len(events) != len(want) {
		t.Fatalf("got %d events: %+v", len(events), events)
	}
	for i, w := range want {
		if e := events[i]; e.PassageID != w.id || e.Label != w.label || e.Text != w.text {
			t.Errorf("event %d = %s %q %q, want %s %q %q", i, e.PassageID, e.Label, e.Text, w.id, w.label, w.text)
		}
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{1992, 1, 3}, "1992-01-03"},
		{Date{1992, 7, 0}, "1992-07"},
		{Date{1992, 0, 0}, "1992"},
		{Date{-206, 0, 0}, "-0206"},
		{Date{751, 0, 0}, "0751"},
		{Date{-44, 3, 15}, "-0044-03-15"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestDateCompare(t *testing.T) {
	ordered := []Date{{-206, 0, 0}, {-1, 0, 0}, {1, 0, 0}, {1992, 0, 0}, {1992, 1, 0}, {1992, 1, 3}, {1992, 2, 1}, {1993, 0, 0}}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("%v.Compare(%v) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestSortEventsIsChronologicalAndStable(t *testing.T) {
	events := []Event{
		{Label: "a", Start: Date{Year: 2020}, End: Date{Year: 2020}},
		{Label: "b", Start: Date{Year: 1522}, End: Date{Year: 1566}},
		{Label: "c", Start: Date{Year: 2020}, End: Date{Year: 2020}},
		{Label: "d", Start: Date{Year: 1522}, End: Date{Year: 1522}},
		{Label: "e", Start: Date{Year: -206}, End: Date{Year: 220}},
		{Label: "f", Start: Date{2020, 7, 9}, End: Date{2020, 7, 9}},
	}
	SortEvents(events)
	var got []string
	for _, e := range events {
		got = append(got, e.Label)
	}
	if want := []string{"e", "d", "b", "a", "c", "f"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestEventOverlaps(t *testing.T) {
	reign := Event{Start: Date{Year: 1522}, End: Date{Year: 1566}}
	tests := []struct {
		from, to int
		want     bool
	}{
		{1500, 1521, false},
		{1500, 1522, true},
		{1530, 1540, true},
		{1566, 1600, true},
		{1567, 1600, false},
		{1600, 1500, false},
	}
	for _, tt := range tests {
		if got := reign.Overlaps(tt.from, tt.to); got != tt.want {
			t.Errorf("Overlaps(%d, %d) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
	day := Event{Start: Date{2020, 7, 9}, End: Date{2020, 7, 9}}
	if !day.Overlaps(2020, 2020) || day.Overlaps(2021, 2030) {
		t.Error("a day event overlaps exactly its year")
	}
}
