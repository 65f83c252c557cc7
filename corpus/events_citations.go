package corpus

// Author-year citations name a year that dates a publication, not an event:
// "Smith (2005) argues", "(Smith, 2005)", "Smith et al. 2005".

// citation reports whether the bare year at token k is the year of an
// author-year citation.
func (p *dateParser) citation(k int) bool {
	b := k - 1
	if p.punct(b) == '(' {
		// "Smith (2005) argues", "Smith et al. (2005)", "according to Smith (2005)"
		b--
		cited := p.punct(k+1) == ')' && reportingVerbs[p.word(k+2)]
		if p.etAl(b) || b < 0 && cited {
			// a sentence that starts "(2005) found": the sentence splitter
			// ended the previous one at "Smith et al."
			return true
		}
		before, ok := p.authors(b)
		if !ok {
			return false
		}
		if cited {
			return true
		}
		return p.word(before) == "to" && p.word(before-1) == "according"
	}
	// "(Smith, 2005)", "(Smith 2005)", "(Smith & Jones, 2005; Lee, 2007)",
	// "Smith et al. 2005", "Smith et al., 2005"
	if p.punct(b) == ',' {
		b--
	}
	if p.etAl(b) {
		return true
	}
	before, ok := p.authors(b)
	return ok && (p.punct(before) == '(' || p.punct(before) == ';')
}

// etAl reports whether "et al." or "et al" ends at token b.
func (p *dateParser) etAl(b int) bool {
	if p.punct(b) == '.' {
		b--
	}
	return p.word(b) == "al" && p.word(b-1) == "et"
}

// authors reads one or two capitalized names ending at token b ("Smith",
// "Smith and Jones", "Smith & Jones") and returns the token before them.
func (p *dateParser) authors(b int) (int, bool) {
	name := func(k int) bool {
		return k >= 0 && k < len(p.toks) && p.toks[k].kind == tokWord && p.toks[k].upper &&
			dateMonthNames[p.toks[k].lower] == 0 && p.raw(k) != "AD"
	}
	if !name(b) {
		return 0, false
	}
	if (p.word(b-1) == "and" || p.punct(b-1) == '&') && name(b-2) {
		return b - 3, true
	}
	return b - 1, true
}

// reportingVerbs follow "Author (year)" in a citation.
var reportingVerbs = wordSet("argue", "argues", "argued", "show", "shows", "showed", "shown", "find", "finds",
	"found", "note", "notes", "noted", "suggest", "suggests", "suggested", "claim", "claims", "claimed",
	"report", "reports", "reported", "write", "writes", "wrote", "describe", "describes", "described",
	"observe", "observes", "observed", "conclude", "concludes", "concluded", "propose", "proposes", "proposed",
	"demonstrate", "demonstrates", "demonstrated", "state", "states", "stated", "contend", "contends",
	"contended", "estimate", "estimates", "estimated", "explain", "explains", "explained", "define", "defines",
	"defined", "discuss", "discusses", "discussed", "examine", "examines", "examined", "point", "points",
	"pointed", "emphasise", "emphasises", "emphasised", "emphasize", "emphasizes", "emphasized", "identify",
	"identifies", "identified", "reviewed", "reviews", "analysed", "analyzed", "measured", "surveyed", "studied")
