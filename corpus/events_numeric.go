package corpus

// Dates written with numbers and letters that are not words: "25/05/2003",
// "FY2019", "Q3 2011", "the third quarter of 2011".

// dateOrder is how a corpus writes numeric dates: day first (25/05/2003) or
// month first (05/25/2003).
type dateOrder uint8

const (
	orderUnknown dateOrder = iota
	orderDayFirst
	orderMonthFirst
)

// numericDateOrders reads the order of numeric dates from the ones that
// settle it (a part over 12), for each source and for all passages. A
// source's own dates decide; a source without any follows the corpus; when
// the evidence disagrees the order stays unknown.
func numericDateOrders(passages []Passage) (bySource map[string]dateOrder, corpus dateOrder) {
	type votes struct{ dayFirst, monthFirst int }
	count := map[string]*votes{}
	var all votes
	for _, p := range passages {
		eachNumericDate(p.Text, func(a, b int) {
			v := count[p.Source]
			if v == nil {
				v = &votes{}
				count[p.Source] = v
			}
			switch {
			case a > 12 && b <= 12:
				v.dayFirst++
				all.dayFirst++
			case b > 12 && a <= 12:
				v.monthFirst++
				all.monthFirst++
			}
		})
	}
	decide := func(v votes) dateOrder {
		switch {
		case v.dayFirst > 0 && v.monthFirst == 0:
			return orderDayFirst
		case v.monthFirst > 0 && v.dayFirst == 0:
			return orderMonthFirst
		}
		return orderUnknown
	}
	bySource = map[string]dateOrder{}
	for src, v := range count {
		if v.dayFirst > 0 || v.monthFirst > 0 {
			bySource[src] = decide(*v)
		}
	}
	return bySource, decide(all)
}

// eachNumericDate calls fn with the first two parts of every "a/b/yyyy" in s.
func eachNumericDate(s string, fn func(a, b int)) {
	for i := 0; i < len(s); i++ {
		if s[i] != '/' {
			continue
		}
		// the first part ends at i
		j := i
		for j > 0 && i-j < 3 && asciiDigit(s[j-1]) {
			j--
		}
		if j == i || i-j > 2 || j > 0 && (asciiDigit(s[j-1]) || s[j-1] == '/') {
			continue
		}
		a := atoiDigits(s[j:i])
		k := i + 1
		for k < len(s) && k-i-1 < 3 && asciiDigit(s[k]) {
			k++
		}
		if k == i+1 || k-i-1 > 2 || k >= len(s) || s[k] != '/' {
			continue
		}
		b := atoiDigits(s[i+1 : k])
		y := k + 1
		for y < len(s) && y-k-1 < 5 && asciiDigit(s[y]) {
			y++
		}
		if y-k-1 != 4 || y < len(s) && s[y] == '/' {
			continue
		}
		fn(a, b)
		i = y - 1
	}
}

func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// numericDate reads "25/05/2003" (day first), "05/25/2003" (month first), or
// "12/05/2003" when the corpus's other numeric dates settle the order; such
// a date is flagged "ambiguous".
func (p *dateParser) numericDate(k int) (dateExpr, bool) {
	a, okA := p.number(k, "")
	b, okB := p.number(k+2, "")
	y, okY := p.number(k+4, "")
	if !okA || !okB || !okY || a.digits > 2 || b.digits > 2 || y.digits != 4 || y.val < 1000 || y.val > 2199 ||
		p.punct(k+1) != '/' || p.punct(k+3) != '/' ||
		!p.glued(k+1) || !p.glued(k+2) || !p.glued(k+3) || !p.glued(k+4) ||
		p.glued(k) && p.punct(k-1) == '/' || p.glued(k+5) && (p.punct(k+5) == '/' || isDateDash(p.punct(k+5))) {
		return dateExpr{}, false
	}
	var day, month int
	var flags flagSet
	switch {
	case a.val == b.val:
		day, month = a.val, a.val
	case a.val > 12:
		day, month = a.val, b.val
	case b.val > 12:
		day, month = b.val, a.val
	case p.order == orderDayFirst:
		day, month, flags = a.val, b.val, flagAmbiguous
	case p.order == orderMonthFirst:
		day, month, flags = b.val, a.val, flagAmbiguous
	default:
		return dateExpr{}, false
	}
	if !validCalendarDay(y.val, month, day) {
		return dateExpr{}, false
	}
	e := dayExpr(k, k+4, Date{y.val, month, day})
	e.flags = flags
	return e, true
}

// fiscalYear reads "FY2019" and "FY 2019": the fiscal year named after the
// calendar year it ends in, flagged approximate since it seldom matches it.
func (p *dateParser) fiscalYear(k int) (dateExpr, bool) {
	if p.raw(k) != "FY" {
		return dateExpr{}, false
	}
	y, ok := p.number(k+1, "")
	if !ok || y.digits != 4 || y.val < 1000 || y.val > 2199 {
		return dateExpr{}, false
	}
	d := Date{Year: y.val}
	return dateExpr{kind: atomYear, first: k, last: k + 1, start: d, end: d, prec: PrecisionYear, flags: flagApproximate}, true
}

// quarter reads "Q3 2011", "the third quarter of 2011", "the 4th quarter of
// 2011" and "the last quarter of 2011" as the span of its three months.
func (p *dateParser) quarter(k int) (dateExpr, bool) {
	q, j := 0, 0
	t := p.toks[k]
	switch {
	case p.raw(k) == "Q":
		n, ok := p.number(k+1, "")
		if !ok || !p.glued(k+1) || n.digits != 1 {
			return dateExpr{}, false
		}
		q, j = n.val, k+2
	case t.kind == tokNum && !t.bad && t.digits == 1 && t.lower == ordinalSuffix(t.val):
		q = t.val
	case t.kind == tokWord:
		q = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}[t.lower]
	}
	if j == 0 {
		if !p.cont(k+1) || p.word(k+1) != "quarter" || !p.cont(k+2) || p.word(k+2) != "of" {
			return dateExpr{}, false
		}
		j = k + 3
	}
	if q < 1 || q > 4 {
		return dateExpr{}, false
	}
	y, last, _, ok := p.calendarYear(j, 4)
	if !ok || y < 0 {
		return dateExpr{}, false
	}
	return dateExpr{kind: atomRange, first: k, last: last, start: Date{y, 3*q - 2, 0}, end: Date{y, 3 * q, 0}, prec: PrecisionRange}, true
}
