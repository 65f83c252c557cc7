package corpus

import "time"

// Relative dates ("the next day", "two years later") name a date by its
// distance from the date of an earlier sentence, the anchor.

type relUnit uint8

const (
	relDay relUnit = iota + 1
	relWeek
	relMonth
	relYear
	relDecade
)

// relative appends the event of the first relative date in sent, resolved
// against anchor, when it can be resolved.
func (x *eventExtractor) relative(out []Event, sent, passageID string, anchor Event) []Event {
	x.toks = tokenizeForDates(sent, x.toks)
	p := dateParser{s: sent, toks: x.toks, lastEnd: -1, start: -1}
	from, to, unit, n, ok := p.relativePhrase()
	if !ok {
		return out
	}
	d, prec, ok := resolveRelative(anchor, unit, n)
	if !ok {
		return out
	}
	return append(out, Event{
		Start:     d,
		End:       d,
		Precision: prec,
		Label:     sent[p.toks[from].start:p.toks[to].end],
		Text:      StripMarkers(sent),
		PassageID: passageID,
		Flags:     flagRelative.strings(),
	})
}

// relativePhrase finds the first relative date in the tokens: "the next
// day", "the following year", "the previous month", "that same year",
// "later that year", "that year", "a year later", "two years later", "three
// days earlier".
// It returns the phrase's tokens, its unit and its distance in units.
func (p *dateParser) relativePhrase() (from, to int, unit relUnit, n int, ok bool) {
	for i := range p.toks {
		if p.toks[i].kind != tokWord && p.toks[i].kind != tokNum {
			continue
		}
		w1, w2 := p.word(i), p.word(i+1)
		if w1 == "that" && p.cont(i+1) {
			// "That year it opened", "that day": the anchor's date
			u, isUnit := relativeUnits[w2]
			if isUnit && u != relWeek && u != relDecade && !(p.glued(i+2) && isDateDash(p.punct(i+2))) {
				return i, i + 1, u, 0, true
			}
		}
		if !p.cont(i+1) || !p.cont(i+2) {
			continue
		}
		w3 := p.word(i + 2)
		switch {
		case w1 == "the":
			delta, known := 0, true
			switch w2 {
			case "next", "following":
				delta = 1
			case "previous", "preceding":
				delta = -1
			case "same":
				if p.word(i+3) == "as" {
					known = false // "the same year as …" compares, it does not date
				}
			default:
				known = false
			}
			if u, isUnit := relativeUnits[w3]; known && isUnit && u != relDecade {
				return i, i + 2, u, delta, true
			}
		case w1 == "that" && w2 == "same", w1 == "later" && w2 == "that":
			if u, isUnit := relativeUnits[w3]; isUnit && u != relWeek && u != relDecade {
				return i, i + 2, u, 0, true
			}
		default:
			q, isQty := p.quantity(i)
			if !isQty {
				continue
			}
			units := relativeUnits
			if q > 1 {
				units = relativeUnitsPlural
			}
			u, isUnit := units[w2]
			if !isUnit || w2 == "morning" {
				continue
			}
			switch w3 {
			case "later":
				return i, i + 2, u, q, true
			case "earlier":
				return i, i + 2, u, -q, true
			}
		}
	}
	return 0, 0, 0, 0, false
}

// quantity reads a small count at token k: "a", "an", "one" … "twelve", or
// a number from 1 to 99.
func (p *dateParser) quantity(k int) (int, bool) {
	t := p.toks[k]
	if t.kind == tokNum {
		if t.bad || t.lower != "" || t.digits > 2 || t.val < 1 {
			return 0, false
		}
		return t.val, true
	}
	n, ok := relativeCounts[t.lower]
	return n, ok
}

var relativeCounts = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

var relativeUnits = map[string]relUnit{
	"day": relDay, "morning": relDay, "week": relWeek, "month": relMonth, "year": relYear, "decade": relDecade,
}

var relativeUnitsPlural = map[string]relUnit{
	"days": relDay, "weeks": relWeek, "months": relMonth, "years": relYear, "decades": relDecade,
}

// resolveRelative moves n units from the anchor's date. The anchor must be a point
// at least as precise as the unit (a day for "the next day"), and neither
// open, a target, nor approximate.
func resolveRelative(anchor Event, unit relUnit, n int) (Date, Precision, bool) {
	for _, f := range anchor.Flags {
		if f != "relative" {
			return Date{}, "", false
		}
	}
	a := anchor.End
	switch anchor.Precision {
	case PrecisionDay, PrecisionMonth, PrecisionYear:
	default:
		return Date{}, "", false
	}
	switch unit {
	case relDay, relWeek:
		if anchor.Precision != PrecisionDay {
			return Date{}, "", false
		}
		if unit == relWeek {
			n *= 7
		}
		t := time.Date(toAstronomical(a.Year), time.Month(a.Month), a.Day+n, 12, 0, 0, 0, time.UTC)
		return Date{fromAstronomical(t.Year()), int(t.Month()), t.Day()}, PrecisionDay, true
	case relMonth:
		if anchor.Precision == PrecisionYear {
			return Date{}, "", false
		}
		months := toAstronomical(a.Year)*12 + a.Month - 1 + n
		y, m := months/12, months%12
		if m < 0 {
			y, m = y-1, m+12
		}
		return Date{Year: fromAstronomical(y), Month: m + 1}, PrecisionMonth, true
	case relYear, relDecade:
		if unit == relDecade {
			n *= 10
		}
		return Date{Year: fromAstronomical(toAstronomical(a.Year) + n)}, PrecisionYear, true
	}
	return Date{}, "", false
}

// toAstronomical maps historical years (no year 0) to astronomical ones
// (1 BC = 0, 2 BC = -1); fromAstronomical maps them back.
func toAstronomical(y int) int {
	if y < 0 {
		return y + 1
	}
	return y
}

func fromAstronomical(y int) int {
	if y <= 0 {
		return y - 1
	}
	return y
}
