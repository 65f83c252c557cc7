package corpus

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/citebot/citebot/internal/analysis"
)

// Precision says how precisely an event's date is known.
type Precision string

// The precisions an Event can have.
const (
	// PrecisionDay is a calendar day: "January 3, 1992".
	PrecisionDay Precision = "day"
	// PrecisionMonth is a month of a year: "July 2020".
	PrecisionMonth Precision = "month"
	// PrecisionYear is a single year: "in 1997", "206 BC".
	PrecisionYear Precision = "year"
	// PrecisionRange is a span between two dates: "(1522–1566)", "from 2015 to 2017".
	PrecisionRange Precision = "range"
	// PrecisionDecade is a decade: "the 1990s".
	PrecisionDecade Precision = "decade"
	// PrecisionCentury is one or more centuries: "the 19th century" and "the
	// 1800s" are 1800–1899, "the 10th and 11th centuries" 900–1099, "the 5th
	// century BC" 500–401 BC.
	PrecisionCentury Precision = "century"
	// PrecisionApproximate is a fuzzy span, always flagged "approximate":
	// "mid-19th century" (1830–1870), "early 1990s" (1990–1993), "c. 1500".
	PrecisionApproximate Precision = "approximate"
)

// Date is a point of the calendar. Month and Day are 0 when unknown.
//
// Years use historical numbering: 206 BC is -206, AD 751 is 751, and there is
// no year 0 (1 BC is followed by AD 1). Dates compare as plain numbers, so
// -206 comes before 751.
type Date struct {
	Year, Month, Day int
}

// String formats the date ISO-like with as much precision as it has:
// "1992-01-03", "1992-07", "1992", and "-0206" for 206 BC.
func (d Date) String() string {
	b := make([]byte, 0, 11)
	y := d.Year
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	b = appendPadded(b, y, 4)
	if d.Month > 0 {
		b = append(b, '-')
		b = appendPadded(b, d.Month, 2)
		if d.Day > 0 {
			b = append(b, '-')
			b = appendPadded(b, d.Day, 2)
		}
	}
	return string(b)
}

func appendPadded(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o, comparing
// year, then month, then day. An unknown month or day (0) sorts before the
// months and days it contains, so 1992 sorts before 1992-01-03.
func (d Date) Compare(o Date) int {
	if c := cmp.Compare(d.Year, o.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(d.Month, o.Month); c != 0 {
		return c
	}
	return cmp.Compare(d.Day, o.Day)
}

// Event is a dated statement found in a passage.
type Event struct {
	// Start and End bound the event's span, End inclusive. For a single
	// year, Start and End are both {1992, 0, 0}. Open spans ("after 1537",
	// "before 1900") and targets ("by 2030") are points at the date written,
	// marked by Flags.
	Start, End Date
	Precision  Precision
	// Label is the date expression as written: "January 3, 1992",
	// "(1522–1566)", "after 1537", "mid-19th century", "the next day".
	Label string
	// Text is the sentence carrying the date, reference markers removed.
	Text string
	// PassageID is the id of the passage the sentence is in.
	PassageID string
	// Flags qualify the date; nil when there are none. The vocabulary is:
	//   "open-start"  the event is before or until the date ("before 1900")
	//   "open-end"    the event is after or since the date ("after 1537")
	//   "target"      the date is a deadline or goal ("by 2030")
	//   "approximate" the span is fuzzy ("mid-19th century", "c. 1500")
	//   "relative"    the date was resolved from a previous sentence ("the next day")
	//   "ambiguous"   a numeric date ("12/05/2003") whose day and month order
	//                 was taken from the corpus's other numeric dates
	Flags []string
}

// Overlaps reports whether the event's span overlaps the inclusive year range
// [from, to]. An empty range (from > to) overlaps nothing.
func (e Event) Overlaps(from, to int) bool {
	return from <= to && e.Start.Year <= to && e.End.Year >= from
}

// SortEvents sorts events chronologically: by start, then by end, keeping the
// original (document) order of events that tie.
func SortEvents(events []Event) {
	slices.SortStableFunc(events, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return a.End.Compare(b.End)
	})
}

// ExtractEvents returns the dated events of the passages, in passage order and
// then in order of position within each passage. Every sentence carrying a
// date expression gives one event per expression. A relative date ("the next
// day", "two years later") in a sentence with no date of its own is resolved
// against the previous dated sentence of the same passage — or, for a
// passage's first sentence, against the directly preceding sentence when it
// ends the previous passage of the same source and is dated; when it cannot
// be resolved it is left out.
//
// Code passages (Passage.Code), lines in fenced code blocks and in a
// file's YAML front matter are not read. A numeric date such as "12/05/2003" is read only when it is
// unambiguous, or when the source's (else the corpus's) other numeric dates
// settle the order of day and month; it is then flagged "ambiguous".
func ExtractEvents(passages []Passage) []Event {
	var (
		out    []Event
		x      eventExtractor
		carry  *Event // the last sentence of the previous passage, when dated
		source string
		markup markupFilter
	)
	orders, corpusOrder := numericDateOrders(passages)
	for i, p := range passages {
		fromPrevious := carry
		if fromPrevious != nil && p.Source != source {
			fromPrevious = nil
		}
		carry, source = nil, p.Source
		parts := markup.prose(passages, i)
		if p.Code {
			continue // a code block is never prose, fenced or not
		}
		if fromPrevious == nil && !mayHoldDate(p.Text) {
			continue
		}
		x.order = corpusOrder
		if o, ok := orders[p.Source]; ok {
			x.order = o
		}
		var anchor *Event // the last event of the previous dated sentence
		var sentences []string
		if len(parts) == 1 {
			sentences = analysis.Sentences(parts[0])
		} else {
			for _, part := range parts {
				sentences = append(sentences, analysis.Sentences(part)...)
			}
		}
		for si, sent := range sentences {
			first := len(out)
			if mayHoldDate(sent) {
				out = x.absolute(out, sent, p.ID)
			}
			if len(out) == first {
				a := anchor
				if si == 0 {
					a = fromPrevious
				}
				if a != nil && mayHoldRelative(sent) {
					out = x.relative(out, sent, p.ID, *a)
				}
			}
			if len(out) > first {
				last := out[len(out)-1]
				anchor = &last
				if si == len(sentences)-1 {
					carry = anchor
				}
			}
		}
	}
	return out
}

// mayHoldDate is a cheap test that lets most sentences without a date skip
// tokenizing: every absolute date expression has a digit or names a century.
func mayHoldDate(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			return true
		}
	}
	return strings.Contains(s, "entur")
}

// mayHoldRelative is the same kind of test for relative dates.
func mayHoldRelative(s string) bool {
	for _, cue := range relativeCues {
		if strings.Contains(s, cue) {
			return true
		}
	}
	return false
}

var relativeCues = []string{"ater", "ext", "ollowing", "revious", "receding", "ame", "arlier", "hat"}

// Event flags, combined while parsing and spelled out in Event.Flags.
type flagSet uint8

const (
	flagOpenStart flagSet = 1 << iota
	flagOpenEnd
	flagTarget
	flagApproximate
	flagRelative
	flagAmbiguous
)

var flagNames = [...]string{"open-start", "open-end", "target", "approximate", "relative", "ambiguous"}

func (f flagSet) strings() []string {
	if f == 0 {
		return nil
	}
	var out []string
	for i, name := range flagNames {
		if f&(1<<i) != 0 {
			out = append(out, name)
		}
	}
	return out
}
