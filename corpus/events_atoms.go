package corpus

// The atoms of date expressions: one date each, read at a token — ISO dates,
// days, months, years (bare or with an era), decades and centuries.

// atom reads one date at token k: an ISO date, a day, a month, a year, a
// decade or a century. A marker may stand before token k (callers that
// continue an expression check that it does not).
func (p *dateParser) atom(k int) (dateExpr, bool) {
	if k < 0 || k >= len(p.toks) {
		return dateExpr{}, false
	}
	p.start = k
	t := p.toks[k]
	switch t.kind {
	case tokNum:
		if t.bad {
			return dateExpr{}, false
		}
		if e, ok := p.isoDate(k); ok {
			return e, true
		}
		if e, ok := p.numericDate(k); ok {
			return e, true
		}
		if t.digits <= 2 && (t.lower == "" || t.lower == ordinalSuffix(t.val)) && t.val >= 1 && t.val <= 31 {
			if e, ok := p.dayFirst(k); ok {
				return e, true
			}
		}
		switch t.lower {
		case "":
			return p.plainYear(k)
		case "s":
			return p.decade(k)
		}
		if e, ok := p.century(k); ok {
			return e, true
		}
		return p.quarter(k)
	case tokWord:
		if e, ok := p.monthFirst(k); ok {
			return e, true
		}
		if e, ok := p.eraFirst(k); ok {
			return e, true
		}
		if e, ok := p.fiscalYear(k); ok {
			return e, true
		}
		if e, ok := p.century(k); ok {
			return e, true
		}
		return p.quarter(k)
	}
	return dateExpr{}, false
}

func dayExpr(first, last int, d Date) dateExpr {
	return dateExpr{kind: atomDay, first: first, last: last, start: d, end: d, prec: PrecisionDay}
}

// isoDate reads "1992-01-03".
func (p *dateParser) isoDate(k int) (dateExpr, bool) {
	y := p.toks[k]
	if y.lower != "" || y.digits != 4 || y.val < 1000 {
		return dateExpr{}, false
	}
	m, ok1 := p.number(k+2, "")
	d, ok2 := p.number(k+4, "")
	if !ok1 || !ok2 || m.digits != 2 || d.digits != 2 ||
		p.punct(k+1) != '-' || p.punct(k+3) != '-' ||
		!p.glued(k+1) || !p.glued(k+2) || !p.glued(k+3) || !p.glued(k+4) ||
		p.glued(k+5) && (isDateDash(p.punct(k+5)) || p.punct(k+5) == ':') {
		return dateExpr{}, false
	}
	if !validCalendarDay(y.val, m.val, d.val) {
		return dateExpr{}, false
	}
	return dayExpr(k, k+4, Date{y.val, m.val, d.val}), true
}

// dayFirst reads "9 July 2020", "3rd of January 1992", "15 March 44 BC".
func (p *dateParser) dayFirst(k int) (dateExpr, bool) {
	d := p.toks[k].val
	j := k + 1
	if p.cont(j) && p.word(j) == "of" {
		j++
	}
	m, j, ok := p.month(j)
	if !ok {
		return dateExpr{}, false
	}
	if p.cont(j) && p.punct(j) == ',' {
		j++
	}
	y, last, _, ok := p.calendarYear(j, 3)
	if !ok || !validCalendarDay(y, m, d) {
		return dateExpr{}, false
	}
	return dayExpr(k, last, Date{y, m, d}), true
}

// monthFirst reads "January 3, 1992", "October 16th 2013", "July 2020".
func (p *dateParser) monthFirst(k int) (dateExpr, bool) {
	m, j, ok := p.month(k)
	if !ok || !p.cont(j) {
		return dateExpr{}, false
	}
	if t := p.toks[j]; t.kind == tokNum && !t.bad && t.digits <= 2 {
		if t.lower != "" && t.lower != ordinalSuffix(t.val) {
			return dateExpr{}, false
		}
		n := j + 1
		if p.cont(n) && p.punct(n) == ',' {
			n++
		}
		y, last, _, ok := p.calendarYear(n, 3)
		if !ok || !validCalendarDay(y, m, t.val) {
			return dateExpr{}, false // "July 9" without a year
		}
		return dayExpr(k, last, Date{y, m, t.val}), true
	}
	if p.punct(j) == ',' {
		j++
	}
	y, last, era, ok := p.calendarYear(j, 4)
	if !ok {
		return dateExpr{}, false
	}
	d := Date{Year: y, Month: m}
	return dateExpr{kind: atomMonth, first: k, last: last, start: d, end: d, prec: PrecisionMonth, era: era, bc: y < 0, guard: !era}, true
}

// month reads a capitalized month name or abbreviation ("Sept.") at k and
// returns the month and the token after it.
func (p *dateParser) month(k int) (int, int, bool) {
	if !p.cont(k) || p.toks[k].kind != tokWord || !p.toks[k].upper {
		return 0, 0, false
	}
	w := p.toks[k].lower
	if m, ok := dateMonthNames[w]; ok {
		return m, k + 1, true
	}
	if m, ok := dateMonthAbbreviations[w]; ok {
		if p.punct(k+1) == '.' && p.glued(k+1) {
			return m, k + 2, true
		}
		return m, k + 1, true
	}
	return 0, 0, false
}

// calendarYear reads the year of a written date at k: minDigits or more
// digits, or fewer with an era marker after it.
func (p *dateParser) calendarYear(k, minDigits int) (year, last int, era, ok bool) {
	t, ok := p.number(k, "")
	if !ok || t.digits > 4 {
		return 0, 0, false, false
	}
	if bc, end, isEra := p.era(k + 1); isEra {
		if t.val == 0 {
			return 0, 0, false, false
		}
		if bc {
			return -t.val, end, true, true
		}
		return t.val, end, true, true
	}
	if t.digits < minDigits || t.val < 100 {
		return 0, 0, false, false
	}
	return t.val, k, false, true
}

// era reads "BC", "BCE", "AD", "CE" (upper case) or their dotted forms at k,
// and returns whether it is BC and the era's last token.
func (p *dateParser) era(k int) (bc bool, last int, ok bool) {
	if !p.cont(k) || p.toks[k].kind != tokWord {
		return false, 0, false
	}
	switch p.raw(k) {
	case "BC", "BCE":
		return true, k, true
	case "AD", "CE":
		return false, k, true
	case "B", "A", "C":
		first := p.raw(k)
		if p.punct(k+1) != '.' || !p.glued(k+1) || !p.glued(k+2) || p.punct(k+3) != '.' || !p.glued(k+3) {
			return false, 0, false
		}
		switch first + p.raw(k+2) {
		case "BC":
			if p.raw(k+4) == "E" && p.glued(k+4) && p.punct(k+5) == '.' && p.glued(k+5) {
				return true, k + 5, true
			}
			return true, k + 3, true
		case "AD", "CE":
			return false, k + 3, true
		}
	}
	return false, 0, false
}

// eraFirst reads "AD 751" or "A.D. 751".
func (p *dateParser) eraFirst(k int) (dateExpr, bool) {
	if r := p.raw(k); r != "AD" && r != "A" {
		return dateExpr{}, false
	}
	bc, last, ok := p.era(k)
	if !ok || bc {
		return dateExpr{}, false
	}
	t, ok := p.number(last+1, "")
	if !ok || t.digits > 4 || t.val < 1 {
		return dateExpr{}, false
	}
	d := Date{Year: t.val}
	return dateExpr{kind: atomYear, first: k, last: last + 1, start: d, end: d, prec: PrecisionYear, era: true}, true
}

// plainYear reads a year written as a number: "1862", "206 BC", "751 AD".
// Without an era it is bare: three digits, or four from 1000 to 2199.
func (p *dateParser) plainYear(k int) (dateExpr, bool) {
	t := p.toks[k]
	if t.digits > 4 {
		return dateExpr{}, false
	}
	y := t.val
	if bc, last, ok := p.era(k + 1); ok {
		if y == 0 {
			return dateExpr{}, false
		}
		if bc {
			y = -y
		}
		d := Date{Year: y}
		return dateExpr{kind: atomYear, first: k, last: last, start: d, end: d, prec: PrecisionYear, era: true, bc: bc}, true
	}
	if t.digits < 3 || y < 100 || t.digits == 4 && (y < 1000 || y > 2199) {
		return dateExpr{}, false
	}
	d := Date{Year: y}
	return dateExpr{kind: atomYear, first: k, last: k, start: d, end: d, prec: PrecisionYear, bare: t.digits, guard: true}, true
}

// decade reads "1990s" (and "the 870s"); the hundreds before 2000 are
// centuries: "the 1800s" is 1800–1899.
func (p *dateParser) decade(k int) (dateExpr, bool) {
	t := p.toks[k]
	v := t.val
	switch {
	case v%10 != 0:
		return dateExpr{}, false
	case t.digits == 4 && v >= 1000 && v <= 2190:
	case t.digits == 3 && v >= 100 && p.word(k-1) == "the":
	default:
		return dateExpr{}, false
	}
	if p.cont(k+1) && p.word(k+1) == "of" {
		return dateExpr{}, false // "1000s of people"
	}
	if v%100 == 0 && v < 2000 {
		return dateExpr{kind: atomCentury, first: k, last: k, start: Date{Year: v}, end: Date{Year: v + 99}, prec: PrecisionCentury}, true
	}
	return dateExpr{kind: atomDecade, first: k, last: k, start: Date{Year: v}, end: Date{Year: v + 9}, prec: PrecisionDecade}, true
}

// century reads "19th century", "the 10th and 11th centuries", "fifth
// century BC", "twenty-first century". The Nth century is the years
// (N-1)*100 to (N-1)*100+99 (the 19th is 1800–1899; the 1st is 1–99); the
// Nth century BC is N*100 BC to (N-1)*100+1 BC.
func (p *dateParser) century(k int) (dateExpr, bool) {
	n1, j, ok := p.ordinal(k)
	if !ok {
		return dateExpr{}, false
	}
	n2 := n1
	last, ok := p.centuryWord(j + 1)
	if !ok {
		c := j + 1
		if !p.cont(c) {
			return dateExpr{}, false
		}
		if w := p.word(c); w != "and" && w != "or" && w != "to" && !isDateDash(p.punct(c)) {
			return dateExpr{}, false
		}
		if n2, j, ok = p.ordinal(c + 1); !ok {
			return dateExpr{}, false
		}
		if last, ok = p.centuryWord(j + 1); !ok {
			return dateExpr{}, false
		}
	}
	if p.word(last+1) == "of" && p.word(last+2) == "the" && (p.word(last+3) == "millennium" || p.word(last+4) == "millennium") {
		return dateExpr{}, false // "the 1st century of the new millennium": which one?
	}
	e := dateExpr{kind: atomCentury, first: k, prec: PrecisionCentury}
	bc, eraLast, isEra := p.era(last + 1)
	if isEra {
		e.era, e.bc, last = true, bc, eraLast
	}
	e.last = last
	if bc {
		if n2 > n1 {
			return dateExpr{}, false
		}
		e.start, e.end = Date{Year: -n1 * 100}, Date{Year: -((n2-1)*100 + 1)}
		return e, true
	}
	if n2 < n1 {
		return dateExpr{}, false
	}
	lo := (n1 - 1) * 100
	if lo == 0 {
		lo = 1
	}
	e.start, e.end = Date{Year: lo}, Date{Year: (n2-1)*100 + 99}
	return e, true
}

// ordinal reads a century ordinal: "19th", "nineteenth", "twenty-first".
func (p *dateParser) ordinal(k int) (n, last int, ok bool) {
	if !p.cont(k) {
		return 0, 0, false
	}
	t := p.toks[k]
	switch t.kind {
	case tokNum:
		if t.bad || t.digits > 2 || t.val < 1 || t.val > 30 || t.lower != ordinalSuffix(t.val) {
			return 0, 0, false
		}
		return t.val, k, true
	case tokWord:
		if t.lower == "twenty" && p.punct(k+1) == '-' && p.glued(k+1) && p.glued(k+2) {
			if n, ok := centuryOrdinals[p.word(k+2)]; ok && n < 10 {
				return 20 + n, k + 2, true
			}
			return 0, 0, false
		}
		if n, ok := centuryOrdinals[t.lower]; ok {
			return n, k, true
		}
	}
	return 0, 0, false
}

// centuryWord reads "century" or "centuries" at k, or "-century" glued to
// the ordinal.
func (p *dateParser) centuryWord(k int) (int, bool) {
	if p.punct(k) == '-' && p.glued(k) && p.glued(k+1) {
		k++
	}
	if !p.cont(k) {
		return 0, false
	}
	if w := p.word(k); w == "century" || w == "centuries" {
		return k, true
	}
	return 0, false
}

func ordinalSuffix(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

func validCalendarDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && isLeapYear(y) {
		days = 29
	}
	return d <= days
}

// isLeapYear uses the proleptic Gregorian calendar with historical years (1 BC
// is a leap year, as astronomical year 0).
func isLeapYear(y int) bool {
	if y < 0 {
		y++
	}
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

var dateMonthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

var dateMonthAbbreviations = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var centuryOrdinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20,
}
