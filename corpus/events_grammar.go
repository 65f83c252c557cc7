package corpus

// The grammar of absolute date expressions. A sentence's tokens are read left
// to right; at each token the parser tries a "from … to …" or "between … and
// …" span, then a date expression: an atom (a year, a month, a day, a decade
// or a century) possibly joined by a dash to a second one. It then looks back
// for modifiers ("mid-", "early"), qualifiers ("after", "by", "c.") and the
// context a bare year needs, and forward at the word after it, which must not
// make the number a quantity ("1200 soldiers").

// eventExtractor keeps scratch space between sentences.
type eventExtractor struct {
	toks []dateToken
	// order is how the passage's source writes numeric dates.
	order dateOrder
}

// absolute appends the events of the absolute date expressions in sent.
func (x *eventExtractor) absolute(out []Event, sent, passageID string) []Event {
	x.toks = tokenizeForDates(sent, x.toks)
	p := dateParser{s: sent, toks: x.toks, lastEnd: -1, start: -1, order: x.order}
	text := ""
	for i := 0; i < len(p.toks); {
		e, ok := p.fromTo(i)
		if !ok {
			e, ok = p.expression(i)
		}
		if !ok {
			i++
			continue
		}
		if text == "" {
			text = StripMarkers(sent)
		}
		prec := e.prec
		if e.flags&flagApproximate != 0 {
			prec = PrecisionApproximate
		}
		out = append(out, Event{
			Start:     e.start,
			End:       e.end,
			Precision: prec,
			Label:     sent[p.toks[e.from].start:p.toks[e.to].end],
			Text:      text,
			PassageID: passageID,
			Flags:     e.flags.strings(),
		})
		p.lastEnd = e.to
		i = e.to + 1
	}
	return out
}

type atomKind uint8

const (
	atomYear atomKind = iota + 1
	atomMonth
	atomDay
	atomDecade
	atomCentury
	atomRange
)

// dateExpr is a date expression found in the tokens.
type dateExpr struct {
	kind        atomKind
	first, last int // the tokens of the date itself
	from, to    int // the tokens of the label: qualifiers and parentheses included
	start, end  Date
	prec        Precision
	// bare is the digit count of a year written without month, era or
	// suffix (3 or 4), the smaller one for a range of two; 0 otherwise. Bare
	// years are dates only in context.
	bare int
	// era: an era marker was written ("206 BC", "AD 751"); bc: it was BC/BCE.
	era, bc bool
	// guard: the word after it must not make it a quantity.
	guard bool
	flags flagSet
}

type dateParser struct {
	s       string
	toks    []dateToken
	lastEnd int // the last token of the previous expression, -1 if none
	start   int // the first token of the atom being read
	order   dateOrder
}

func (p *dateParser) word(k int) string {
	if k < 0 || k >= len(p.toks) || p.toks[k].kind != tokWord {
		return ""
	}
	return p.toks[k].lower
}

func (p *dateParser) punct(k int) rune {
	if k < 0 || k >= len(p.toks) || p.toks[k].kind != tokPunct {
		return 0
	}
	return p.toks[k].r
}

func (p *dateParser) raw(k int) string {
	if k < 0 || k >= len(p.toks) {
		return ""
	}
	return p.s[p.toks[k].start:p.toks[k].end]
}

// cont reports whether token k exists and may be part of the atom being
// read: it starts it, or no reference marker stands before it.
func (p *dateParser) cont(k int) bool {
	return k >= 0 && k < len(p.toks) && (!p.toks[k].marker || k == p.start)
}

// glued reports whether token k touches token k-1.
func (p *dateParser) glued(k int) bool {
	return k > 0 && k < len(p.toks) && !p.toks[k].space && !p.toks[k].marker
}

// free reports whether token k is before the expression being read and after
// the previous one.
func (p *dateParser) free(k int) bool { return k > p.lastEnd && k < len(p.toks) }

// number returns token k when it is a usable number: no marker before it, not
// part of a larger number, and with the given suffix ("" for none).
func (p *dateParser) number(k int, suffix string) (dateToken, bool) {
	if !p.cont(k) || p.toks[k].kind != tokNum || p.toks[k].bad || p.toks[k].lower != suffix {
		return dateToken{}, false
	}
	return p.toks[k], true
}

func isDateDash(r rune) bool {
	return r == '-' || r == '–' || r == '—' || r == '‒' || r == '−'
}

// expression reads a date expression starting at token i, with its
// qualifiers, and checks its context.
func (p *dateParser) expression(i int) (dateExpr, bool) {
	t := &p.toks[i]
	switch t.kind {
	case tokPunct:
		return dateExpr{}, false
	case tokWord:
		// only month names, "AD", "FY", "Q" and ordinals start a date
		if !t.upper && t.lower != "twenty" && t.lower != "last" && centuryOrdinals[t.lower] == 0 {
			return dateExpr{}, false
		}
	}
	// the parts after the first of "12/05/2003" or "1992/93"
	if t.kind == tokNum && p.glued(i) && p.punct(i-1) == '/' && p.glued(i-1) && p.toks[i-2].kind == tokNum {
		return dateExpr{}, false
	}
	// a number continuing a code or a compound: "COVID-19", "555-1862"
	if t.kind == tokNum && p.glued(i) && isDateDash(p.punct(i-1)) && p.glued(i-1) {
		if prev := p.toks[i-2]; prev.kind == tokNum || prev.kind == tokWord && !isSpanModifier(prev.lower) {
			return dateExpr{}, false
		}
	}
	e, ok := p.span(i)
	if !ok {
		return dateExpr{}, false
	}
	return e, p.qualify(&e)
}

// span reads an atom, or two atoms joined by a dash: "(1522–1566)",
// "1998–99", "206 BC – AD 220".
func (p *dateParser) span(k int) (dateExpr, bool) {
	a, ok := p.atom(k)
	if !ok {
		return dateExpr{}, false
	}
	d := a.last + 1
	if !p.cont(d) || !isDateDash(p.punct(d)) {
		return a, true
	}
	tight := p.glued(d) && p.glued(d+1)
	b, ok := dateExpr{}, false
	if p.cont(d + 1) {
		b, ok = p.atom(d + 1)
	}
	if !ok && tight && a.kind == atomYear && a.bare == 4 {
		// "1998–99"
		if t, isNum := p.number(d+1, ""); isNum && t.digits == 2 {
			if y := a.start.Year/100*100 + t.val; y > a.start.Year {
				b = dateExpr{kind: atomYear, first: d + 1, last: d + 1, start: Date{Year: y}, end: Date{Year: y}, prec: PrecisionYear, bare: 4, guard: true}
				ok = true
			}
		}
	}
	if !ok {
		if tight && p.toks[d+1].kind == tokNum {
			return dateExpr{}, false // "1862-555": a code, not a date
		}
		return a, true
	}
	return joinRange(a, b)
}

// joinRange makes the range from a to b, or reports that they do not make one.
func joinRange(a, b dateExpr) (dateExpr, bool) {
	if b.bc && a.kind == atomYear && !a.era {
		// "(500–400 BC)": the era applies to both ends
		a.start.Year, a.end.Year = -a.start.Year, -a.end.Year
		a.era, a.bc, a.bare = true, true, 0
	}
	if a.bc && !b.era {
		return dateExpr{}, false // "206 BC–220": ambiguous
	}
	if a.start.Compare(b.start) > 0 || a.start.Compare(b.end) > 0 {
		return dateExpr{}, false
	}
	r := dateExpr{
		kind: atomRange, first: a.first, last: b.last, start: a.start, end: b.end,
		prec: PrecisionRange, era: a.era || b.era, bc: b.bc, guard: b.guard,
	}
	if a.bare > 0 && b.bare > 0 {
		r.bare = min(a.bare, b.bare)
	}
	return r, true
}

// fromTo reads "from X to Y", "from X until Y", "from X to the present" and
// "between X and Y" starting at token i.
func (p *dateParser) fromTo(i int) (dateExpr, bool) {
	w := p.word(i)
	if w != "from" && w != "between" || !p.cont(i+1) || amountChangeWords[p.word(i-1)] {
		return dateExpr{}, false
	}
	a, ok := p.span(i + 1)
	if !ok {
		return dateExpr{}, false
	}
	j := a.last + 1
	if !p.cont(j) || !p.cont(j+1) {
		return dateExpr{}, false
	}
	switch conj := p.word(j); {
	case w == "from" && (conj == "to" || conj == "until" || conj == "till" || conj == "through"):
		if end := p.present(j + 1); end > 0 {
			if a.bare == 3 {
				return dateExpr{}, false
			}
			a.from, a.to = i, end
			a.flags |= flagOpenEnd
			return a, true
		}
	case w == "between" && conj == "and":
	default:
		return dateExpr{}, false
	}
	b, ok := p.span(j + 1)
	if !ok {
		return dateExpr{}, false
	}
	r, ok := joinRange(a, b)
	if !ok || r.bare == 3 || r.guard && !p.followOK(r.last+1) {
		return dateExpr{}, false
	}
	r.from, r.to = i, r.last
	return r, true
}

// present matches "the present", "present", "today" or "date" at k and
// returns its last token, or -1.
func (p *dateParser) present(k int) int {
	if p.word(k) == "the" && p.cont(k+1) && p.word(k+1) == "present" {
		if p.cont(k+2) && p.word(k+2) == "day" {
			return k + 2
		}
		return k + 1
	}
	switch p.word(k) {
	case "present", "today", "date":
		return k
	}
	return -1
}

// qualify looks around the expression: modifiers ("mid-", "early", "first
// half of the"), qualifiers ("after", "before", "by", "c.") and the context a
// bare year needs. It sets the label's bounds and reports whether the
// expression is a date.
func (p *dateParser) qualify(e *dateExpr) bool {
	k := e.first
	ctx, strong := false, false
	// skipGuard: the context leaves no doubt, whatever word follows the
	// year ("the crisis of 2008 hit", "By 2012 more than half").
	skipGuard := false

	// modifiers
	mod := ""
	switch e.kind {
	case atomYear, atomDecade, atomCentury:
		switch {
		case p.free(k-2) && isDateDash(p.punct(k-1)) && p.glued(k) && p.glued(k-1) && isSpanModifier(p.word(k-2)):
			mod, k = p.word(k-2), k-2
		case p.free(k-1) && p.cont(k) && isSpanModifier(p.word(k-1)):
			mod, k = p.word(k-1), k-1
		case e.kind == atomCentury && p.free(k-4) && p.word(k-1) == "the" && p.word(k-2) == "of" &&
			p.word(k-3) == "half" && (p.word(k-4) == "first" || p.word(k-4) == "second" || p.word(k-4) == "latter"):
			mod, k = p.word(k-4), k-4
		}
	}
	if mod != "" {
		ctx = true
		if e.kind != atomYear {
			e.start.Year, e.end.Year = narrowSpan(e.start.Year, e.end.Year, mod)
			e.flags |= flagApproximate
		}
	}

	// qualifiers, before an optional "the" for decades and centuries
	from := k
	q := k - 1
	if (e.kind == atomDecade || e.kind == atomCentury) && p.free(q) && p.word(q) == "the" {
		q--
	}
	if p.free(q) {
		qf, qfrom := flagSet(0), -1
		switch p.word(q) {
		case "after", "since":
			qf, qfrom = flagOpenEnd, q
		case "before", "until", "till", "through":
			qf, qfrom = flagOpenStart, q
		case "by":
			if !amountChangeWords[p.word(q-1)] { // "rose by 1500" is an amount
				qf, qfrom = flagTarget, q
			}
		case "circa":
			qf, qfrom, strong = flagApproximate, q, true
		case "around", "about", "approximately":
			qf, qfrom = flagApproximate, q
		case "to":
			if p.free(q-1) && p.word(q-1) == "prior" {
				qf, qfrom = flagOpenStart, q-1
			}
		case "":
			if p.punct(q) == '.' && p.glued(q) && p.free(q-1) {
				switch p.raw(q - 1) {
				case "c", "ca", "approx":
					qf, qfrom, strong = flagApproximate, q-1, true
				}
			}
		}
		if qfrom >= 0 {
			e.flags |= qf
			from, ctx = qfrom, true
		}
	}

	// context before the label, and "onwards" after it
	to := e.last
	if p.cont(to+1) && (p.word(to+1) == "onwards" || p.word(to+1) == "onward") {
		e.flags |= flagOpenEnd
		to++
	}
	paren := false
	if c := from - 1; p.free(c) {
		switch w := p.word(c); {
		case p.punct(c) == '(':
			switch p.punct(to + 1) {
			case ')':
				from, to, ctx, paren = c, to+1, true, true
			case ',', ';':
				ctx, paren = true, true
			}
		case w == "year":
			ctx, strong = true, true
		case w == "in" && c == 0 && p.punct(e.last+1) == ',':
			ctx, strong = true, true // "In 751, …"
		case w == "from":
			ctx = !amountChangeWords[p.word(c-1)] // "up from 1200" is an amount
		case w == "between":
			ctx = e.kind == atomRange // "between 1900–1950"
		case yearContextWords[w]:
			ctx = true
		case w == "of":
			if !ctx && p.ofContext(c) {
				ctx, skipGuard = true, eventOfHeads[p.word(c-1)]
			}
		}
	}
	if !ctx && p.continuesList(from-1) {
		ctx = true
	}
	if !ctx && e.kind == atomYear && e.bare == 4 && p.free(from-1) && p.word(from-1) == "the" && p.eventNounAfter(e.last+1) {
		ctx, skipGuard = true, true // "The 2008 financial crisis"
	}
	if ctx && e.bare > 0 && (from == 0 || from == 1 && p.word(0) != "") && leadFollowWords[p.word(e.last+1)] {
		skipGuard = true // "By 2012 more than half", "In 2012 most of"
	}
	if e.kind == atomYear && e.bare > 0 && p.citation(e.first) {
		return false
	}

	switch e.bare {
	case 4:
		if !ctx {
			return false
		}
	case 3:
		roundRange := e.kind == atomRange && e.start.Year%10 == 0 && e.end.Year%10 == 0
		if !strong && !(paren && e.kind == atomRange && !roundRange) {
			return false
		}
	}
	if e.guard && !skipGuard && !p.followOK(e.last+1) {
		return false
	}
	e.from, e.to = from, to
	return true
}

// eventNounAfter reports whether one of the (at most three) words from token
// k names an event: "2008 financial crisis", "2012 Olympics".
func (p *dateParser) eventNounAfter(k int) bool {
	for j := k; j < k+3 && p.cont(j) && p.toks[j].kind == tokWord; j++ {
		if eventNouns[p.toks[j].lower] {
			return true
		}
	}
	return false
}

// continuesList reports whether token c ends a list joining the expression to
// the previous one: "in 1862 and 1864", "1862, 1864".
func (p *dateParser) continuesList(c int) bool {
	if p.lastEnd < 0 || c <= p.lastEnd {
		return false
	}
	for n := 0; n < 2 && c > p.lastEnd; n++ {
		if w := p.word(c); w != "and" && w != "or" && p.punct(c) != ',' {
			return false
		}
		c--
	}
	return c == p.lastEnd
}

// ofContext reports whether the "of" at c introduces a year: "the Treaty of
// 1881", "the summer of 1862", "as of 2020".
func (p *dateParser) ofContext(c int) bool {
	h := c - 1
	if !p.free(h) || p.toks[h].kind != tokWord {
		return false
	}
	if p.toks[h].upper && h > 0 {
		return true
	}
	return yearOfHeads[p.toks[h].lower]
}

// followOK reports whether token k, after a year, leaves the year a date:
// "1200 soldiers", "1862:15", "1992/93" and "10%" do not.
func (p *dateParser) followOK(k int) bool {
	if k >= len(p.toks) {
		return true
	}
	t := p.toks[k]
	switch t.kind {
	case tokWord:
		return t.upper || yearFollowWords[t.lower]
	case tokNum:
		return false
	}
	switch t.r {
	case '%', '‰':
		return false
	}
	if p.glued(k) && p.glued(k+1) && (p.toks[k+1].kind == tokNum || isDateDash(t.r) && p.toks[k+1].kind == tokWord) {
		return false
	}
	return true
}

// narrowSpan returns the part of the span [lo, hi] a modifier names: early is the
// first 40%, mid the middle 30–70%, late the last 40%, first and second the
// halves. The mid-19th century is 1830–1870.
func narrowSpan(lo, hi int, mod string) (int, int) {
	width := hi - lo + 1
	switch mod {
	case "early":
		return lo, lo + width*2/5 - 1
	case "mid":
		return lo + width*3/10, lo + width*7/10
	case "late":
		return lo + width*3/5, hi
	case "first":
		return lo, lo + width/2 - 1
	case "second", "latter":
		return lo + width/2, hi
	}
	return lo, hi
}

func isSpanModifier(w string) bool { return w == "early" || w == "mid" || w == "late" }

// yearContextWords, just before a bare year, make it a date: "in 1862", "during
// 1997", "Founded 1887". Qualifiers (after, before, by, …) are handled apart.
var yearContextWords = wordSet("in", "during", "throughout", "born", "died", "spring", "summer", "autumn", "fall", "winter",
	"founded", "established", "closed", "opened", "built", "completed", "dissolved", "abolished", "incorporated",
	"demolished", "inaugurated", "launched", "renamed", "merged", "disbanded")

// eventNouns after "the" and a year make it a date: "the 2008 financial
// crisis", "the 2012 Olympics".
var eventNouns = wordSet("crisis", "election", "elections", "olympics", "games", "war", "earthquake", "flood", "floods",
	"census", "revolution", "coup", "attack", "attacks", "summit", "recession", "uprising", "riots", "referendum",
	"pandemic", "epidemic", "championship", "championships", "cup", "strike", "fire", "storm", "hurricane",
	"tsunami", "famine", "merger", "crash", "invasion", "eruption", "protests", "bombing", "bombings", "tournament",
	"season", "treaty", "agreement", "reform", "reforms", "campaign", "expedition", "massacre", "scandal", "visit")

// leadFollowWords may follow a year whose context word starts the sentence,
// "By 2012 more than half", where after a year elsewhere they would make it
// a quantity.
var leadFollowWords = wordSet("more", "most", "many", "much", "some", "several", "few", "fewer", "less", "half",
	"nearly", "almost", "over", "about", "around", "roughly", "every", "each", "all", "no", "none", "just", "even",
	"well", "virtually", "practically", "most", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "hundreds", "thousands", "millions", "dozens")

// amountChangeWords before "from", "between" or "by" make the numbers after it
// amounts: "up from 1200", "increased by 1500", "ranging from 1500 to 2000".
var amountChangeWords = wordSet("up", "down", "rose", "risen", "fell", "fallen", "grew", "grown", "increased",
	"decreased", "dropped", "declined", "reduced", "climbed", "jumped", "cut", "raised", "lowered", "rising",
	"falling", "growing", "increasing", "decreasing", "dropping", "declining", "went", "goes", "going",
	"changed", "range", "ranged", "ranges", "ranging", "vary", "varies", "varied", "varying", "numbered",
	"numbering", "estimated", "somewhere")

// eventOfHeads, a subset of yearOfHeads, name events: "the crisis of 2008"
// is a date whatever word follows ("the crisis of 2008 hit the banks").
var eventOfHeads = wordSet("treaty", "convention", "agreement", "protocol", "revolution", "war", "act",
	"constitution", "census", "election", "elections", "uprising", "rebellion", "famine", "flood", "earthquake",
	"crisis", "spring", "summer", "autumn", "winter")

// yearOfHeads are the words that make "… of 1881" a date.
var yearOfHeads = wordSet("spring", "summer", "autumn", "fall", "winter", "end", "beginning", "start", "middle",
	"course", "half", "year", "as", "treaty", "convention", "agreement", "protocol", "revolution", "war",
	"act", "constitution", "census", "election", "elections", "events", "uprising", "rebellion", "famine",
	"flood", "earthquake", "crisis", "class")

// yearFollowWords may follow a bare year; any other lower-case word after it
// makes the number a quantity ("1200 soldiers").
var yearFollowWords = wordSet(
	"a", "an", "the", "and", "or", "but", "nor", "both", "either", "neither", "when", "while", "where",
	"whereas", "which", "who", "whom", "whose", "that", "this", "these", "those", "it", "its", "he", "she",
	"they", "we", "i", "you", "his", "her", "their", "our", "there", "then", "also", "only", "as", "at",
	"in", "on", "by", "for", "from", "to", "of", "with", "without", "after", "before", "during", "until",
	"till", "since", "through", "under", "over", "between", "among", "against", "into", "upon", "via",
	"was", "were", "is", "are", "be", "been", "had", "has", "have", "did", "do", "does", "will", "would",
	"could", "should", "might", "may", "must", "can", "however", "though", "although", "because", "so",
	"yet", "not", "alone", "onwards", "onward", "already", "again", "still", "saw", "marked", "brought",
	"began", "ended", "following", "respectively", "until", "whilst", "once", "too",
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
