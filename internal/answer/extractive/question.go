package extractive

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/citebot/citebot/internal/analysis"
)

// kind is what a question asks for, read from its wording: the answer type.
type kind int

const (
	kindOther kind = iota
	kindWhen
	kindYear
	kindDuration
	kindMoney
	kindPercent
	kindCount
	kindQuantity
	kindWho
	kindWhere
	kindOrg
	kindReason
	kindYesNo
	kindDefinition
	kindName
	// kindContact asks for an e-mail address, a telephone number or a web
	// address.
	kindContact
	// kindVersion asks for a version or release of software: "Which
	// Python version does it need?" is answered by "3.9 or newer".
	kindVersion
)

var kindNames = [...]string{"other", "when", "year", "duration", "money", "percent", "count", "quantity",
	"who", "where", "organisation", "reason", "yes/no", "definition", "name", "contact", "version"}

func (k kind) String() string { return kindNames[k] }

// The patterns below read the first words of a question. They are written
// for the wordings of English questions in general, not for any question
// set: an interrogative, then the noun or verb that says what kind of thing
// the answer is.
var (
	yearRe     = regexp.MustCompile(`(?i)^\s*(?:(?:in|during|by|since|until|from)\s+)?(?:what|which)\s+year\b`)
	whenRe     = regexp.MustCompile(`(?i)^\s*(?:when\b|(?:(?:in|on|during|by|since|until|from|at)\s+)?(?:what|which)\s+(?:date|day|month|decade|century|period|era|time|season|quarter)\b|how\s+long\s+ago\b)`)
	percentQRe = regexp.MustCompile(`(?i)\b(?:what|which)\s+(?:percentage|percent|proportion|share|fraction)\b|\bhow\s+many\s+percent|\bby\s+how\s+much\b.*\b(?:percent|%)`)
	durationRe = regexp.MustCompile(`(?i)\bhow\s+fast\s+(?:must|should|need|have\s+to|do\s+(?:i|you|we)\s+(?:need|have)\s+to)\b|\bhow\s+long\b|\bhow\s+much\s+(?:time|leave|holiday|vacation|notice)\b|\bhow\s+(?:quickly|soon|often|frequently|far\s+in\s+advance|early|late)\b|\bwithin\s+what\b|\bhow\s+many\s+(?:years|months|weeks|days|hours|minutes|seconds|decades|centuries)\b|\bfor\s+how\s+long\b|\bwhat\s+(?:duration|period\s+of\s+time)\b`)
	lengthRe   = regexp.MustCompile(`(?i)\bhow\s+long\s+(?:is|was|are|were)\s+(?:the|a|an|its|their)\b|\bhow\s+long\b,?\s+in\s+(?:kilomet(?:re|er)s|km|met(?:re|er)s|miles|feet|yards|inches|(?:centi|milli)met(?:re|er)s|cm|mm)\b`)
	moneyRe    = regexp.MustCompile(`(?i)\bhow\s+much\b.*\b(?:cost|costs|pay|paid|pays|spend|spent|price|priced|worth|budget|charge|charged|fee|fees|salary|sell|sold|buy|bought|earn|earned|raise|raised|invest|invested|fund|funded|money|dollars|euros|revenue|fine|fined|allowance|reimburse|reimbursed|claim|loan|lend|lent|award|awarded|grant)\b|\b(?:what|which)\s+(?:price|cost|fee|salary|budget|sum|revenue|allowance|fine)\b|\bhow\s+much\s+money\b|^\s*what\s+did\s+.+\s+cost\b`)
	countRe    = regexp.MustCompile(`(?i)\bhow\s+many\b|\b(?:what|which)\s+number\s+of\b`)
	quantityRe = regexp.MustCompile(`(?i)\bhow\s+(?:much|large|big|far|tall|high|old|deep|wide|heavy|fast|long|big)\b|\bwhat\s+(?:amount|size|length|height|area|population|distance|speed|capacity|limit|maximum|minimum|number|total|weight|depth|width|rate|interval|frequency|temperature)\b`)
	whoRe      = regexp.MustCompile(`(?i)^\s*(?:(?:by|to|for|with|from)\s+)?(?:who\b|whom\b|whose\b|(?:which|what)\s+(?:[\p{L}-]+\s+)?(?:person|people|official|officials|emperor|leader|president|minister|professor|ruler|king|queen|prince|princess|sultan|khan|pope|bishop|patriarch|general|commander|captain|scholar|envoy|ambassador|diplomat|founder|chief|director|manager|author|writer|poet|artist|painter|composer|scientist|chemist|physicist|historian|explorer|inventor|researcher|engineer|architect|designer|member|members|employee|mayor|governor|officer|owner|head|chair|chairman|chairwoman|chairperson|secretary|ceo|executive|councillor|councilor|clerk|tutor|teacher|doctor|physician|chef|coach|player|spokesperson|tribe|dynasty)\b)`)
	whereRe    = regexp.MustCompile(`(?i)^\s*(?:where\b|(?:(?:in|at|near|from|to|into|on)\s+)?(?:what|which)\s+(?:[\p{L}-]+\s+)?(?:place|city|cities|town|towns|village|region|area|province|river|location|site|country|countries|nation|state|county|district|port|island|continent|building|street|room|floor|office|state)\b)`)
	orgRe      = regexp.MustCompile(`(?i)^\s*(?:(?:by|to|for|with|from|at)\s+)?(?:which|what)\s+(?:[\p{L}-]+\s+)?(?:company|companies|organi[sz]ation|organi[sz]ations|firm|agency|ministry|committee|body|group|bank|university|team|party|institution|department|club|association|union|council|government|empire|publisher|school|board|vendor|supplier|partner|manufacturer|library|package|tool|product|service)\b`)
	reasonRe   = regexp.MustCompile(`(?i)^\s*(?:why\b|for\s+what\s+reason\b|how\s+come\b|what\s+(?:caused|causes|led\s+to|leads\s+to|was\s+the\s+reason|is\s+the\s+reason|were\s+the\s+reasons|are\s+the\s+reasons|prompted|motivated|triggered)\b)`)
	yesNoRe    = regexp.MustCompile(`(?i)^\s*(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should|may|must|shall|isn't|aren't|wasn't|doesn't|don't|didn't|can't)\b`)
	defRe      = regexp.MustCompile(`(?i)^\s*(?:what\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?([\p{L}\p{N}'’ -]{1,40}?)\s*\??\s*$|what\s+does\s+.{1,40}\s+mean\b|define\b)`)
)

// typeNouns map the noun of "What is the X of …?" or "What X did …?" to
// the kind of answer it asks for: a deadline is a date or a time span, a
// fee an amount of money, a death toll a count.
var typeNouns = map[string]kind{}

func init() {
	for k, words := range map[kind]string{
		kindWhen:     "date dates day deadline anniversary birthday birthdate time",
		kindYear:     "year",
		kindMoney:    "price cost costs fee fees salary wage wages budget fine allowance bonus reward pay payment compensation rent revenue turnover profit loss funding grant spend",
		kindCount:    "number count headcount population toll total turnout membership",
		kindPercent:  "percentage proportion",
		kindQuantity: "length height size distance area speed speedup speed-up age weight limit cap maximum minimum capacity interval frequency depth width temperature volume quota threshold level",
		kindDuration: "duration period lifetime term tenure",
		kindReason:   "reason cause purpose motive motivation",
		kindWhere:    "location address headquarters birthplace whereabouts venue",
		kindName:     "name nickname surname",
	} {
		for _, w := range strings.Fields(words) {
			typeNouns[w] = k
		}
	}
}

// nounPhraseRe takes the words after "what"/"which" (and an optional "is
// the") up to the first word that ends the noun phrase.
var nounPhraseRe = regexp.MustCompile(`(?i)^\s*(?:(?:in|on|at|by|for|to|from|during|of|with)\s+)?(?:what(?:'s|’s)?|which)\s+(?:(?:is|was|are|were|'s)\s+)?(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\p{L}-]+(?:'s|’s)\s+)?((?:[\p{L}-]+\s*){1,4})`)

var phraseEnd = map[string]bool{"of": true, "for": true, "in": true, "on": true, "at": true, "to": true, "does": true, "do": true,
	"did": true, "is": true, "was": true, "are": true, "were": true, "has": true, "have": true, "had": true, "will": true,
	"would": true, "can": true, "could": true, "should": true, "that": true, "when": true, "if": true, "between": true, "from": true, "by": true, "with": true}

// nounKind returns the kind named by the head noun of the question's
// opening noun phrase, or kindOther.
func nounKind(q string) kind {
	m := nounPhraseRe.FindStringSubmatch(q)
	if m == nil {
		return kindOther
	}
	k := kindOther
	money := false
	for _, w := range strings.Fields(strings.ToLower(m[1])) {
		if phraseEnd[w] {
			break
		}
		if nk, ok := typeNouns[w]; ok {
			k = nk // the head noun is the last: "death toll", "founding date"
			money = money || nk == kindMoney || moneyModifiers[w]
		} else if k != kindOther {
			k = kindOther // "date range" is not a date
		} else {
			money = money || moneyModifiers[w]
		}
	}
	if k == kindQuantity && money {
		return kindMoney // "the spending limit", "the fee cap"
	}
	return k
}

// moneyModifiers make a limit a sum of money: "the spending limit".
var moneyModifiers = map[string]bool{"spending": true, "expense": true, "expenses": true, "budget": true, "price": true,
	"cost": true, "fee": true, "credit": true, "card": true, "salary": true, "pay": true}

var (
	whichPlaceRe = regexp.MustCompile(`(?i)^\s*(?:(?:in|at|from|to|into|on)\s+)?which\s+(?:[\p{L}-]+\s+)?(?:area|areas)\b`)
	farBackRe    = regexp.MustCompile(`(?i)\bhow\s+far\s+back\b`)
)

// possessiveRe finds a possessive pronoun: "What was his previous job?"
// asks about someone, not for a definition.
var possessiveRe = regexp.MustCompile(`(?i)\b(his|her|its|their|my|your|our)\b`)

// versionQRe finds a question for a version: "Which version of Python
// …?", "What is the minimum Go version …?", "In which release was … removed?".
// notVersionRe, after it, says it asks for something else of a version:
// its date, its notes, its name.
var (
	versionQRe = regexp.MustCompile(`(?i)\b(?:what|which)\s+(?:[\p{L}\p{N}.+#-]+\s+){0,4}?(?:version|release)s?\b`)
	// verbBeforeVersionRe: "what became of the film version" asks what
	// happened, not for a version.
	verbBeforeVersionRe = regexp.MustCompile(`(?i)\b(?:became|become|becomes|happened|happens|happen)\b`)
	notVersionRe        = regexp.MustCompile(`(?i)^\s*(?:date|notes?|name|cycle|schedule|process|manager)\b`)
)

// howMuchNounRe finds the word after "how much": "How much territory
// did China claim?" asks for an amount of territory, not of money, though
// "claim" may be an expense claim.
var howMuchNounRe = regexp.MustCompile(`(?i)\bhow\s+much\s+([\p{L}-]+)`)

// moneyNouns are the nouns of "how much X" that are money.
var moneyNouns = map[string]bool{"money": true, "cash": true, "funding": true, "revenue": true, "income": true, "profit": true,
	"capital": true, "investment": true, "tax": true, "rent": true, "compensation": true, "debt": true, "aid": true, "credit": true,
	"more": true, "less": true, "extra": true}

// howMuchOfRe reports whether q asks "how much X" of a noun X that is not
// money: "how much sick leave", "how much territory".
func howMuchOfRe(q string) bool {
	m := howMuchNounRe.FindStringSubmatch(q)
	if m == nil {
		return false
	}
	w := strings.ToLower(m[1])
	if auxiliaries[w] || moneyNouns[w] || strings.HasSuffix(w, "ed") {
		return false
	}
	switch w {
	case "does", "do", "did", "is", "was", "are", "were", "will", "would", "can", "could", "should", "has", "have", "had", "of", "in", "for", "to", "per", "on", "it", "they", "he", "she", "we", "you", "i", "a", "an", "the", "this", "that", "each", "every":
		return false
	}
	return true
}

// embeddedHowRe finds a "Which X …" question with a "how long/much/many"
// clause after its verb: the clause says what X does, the question asks
// for X.
var embeddedHowRe = regexp.MustCompile(`(?i)^\s*(?:which|what)\s+([\p{L}-]+)\s+.*\bhow\s+(?:long|much|many|far|often|soon|quickly|old)\b`)

// embeddedHow reports whether q asks "Which X" with a how-clause inside.
func embeddedHow(q string) bool {
	m := embeddedHowRe.FindStringSubmatch(q)
	if m == nil {
		return false
	}
	w := strings.ToLower(m[1])
	return !auxiliaries[w] && !phraseEnd[w] && !analysis.IsStopWord(w)
}

// classify returns the answer type a question asks for.
func classify(q string) kind {
	if contactOf(q) != nil {
		return kindContact
	}
	// "Which (lake) area did the empire control?" asks for a place, "What area
	// does the park cover?" for a size; "How far back does the border
	// go?" for a time.
	if whichPlaceRe.MatchString(q) {
		return kindWhere
	}
	if m := versionQRe.FindStringSubmatchIndex(q); m != nil && !notVersionRe.MatchString(q[m[1]:]) && !verbBeforeVersionRe.MatchString(q[m[0]:m[1]]) {
		return kindVersion
	}
	if farBackRe.MatchString(q) {
		return kindWhen
	}
	if k := nounKind(q); k != kindOther {
		return k
	}
	// "Which header tells me how long to wait?" asks for a header: a
	// how-clause inside a "Which X" question is not what it asks.
	amount := !embeddedHow(q)
	switch {
	case yearRe.MatchString(q):
		return kindYear
	case whenRe.MatchString(q):
		return kindWhen
	case amount && percentQRe.MatchString(q):
		return kindPercent
	case amount && lengthRe.MatchString(q):
		return kindQuantity
	case amount && durationRe.MatchString(q):
		return kindDuration
	case amount && moneyRe.MatchString(q) && !howMuchOfRe(q):
		return kindMoney
	case amount && countRe.MatchString(q):
		return kindCount
	case amount && quantityRe.MatchString(q):
		return kindQuantity
	case reasonRe.MatchString(q):
		return kindReason
	case whereRe.MatchString(q):
		return kindWhere
	case orgRe.MatchString(q):
		return kindOrg
	case whoRe.MatchString(q):
		return kindWho
	case yesNoRe.MatchString(q):
		return kindYesNo
	case defRe.MatchString(q) && focusRe.FindString(q) == "" && !possessiveRe.MatchString(q):
		return kindDefinition
	}
	return kindOther
}

// focusRe finds the thing asked for in "What is the capital city of
// Kazakhstan?" or "Who was the first president of …": the words between the
// article and the preposition.
var focusRe = regexp.MustCompile(`(?i)^\s*(?:what|who|which)\s+(?:is|was|are|were)\s+(?:the|a|an)\s+([\p{L}\p{N}' -]{2,60}?)\s+(?:of|in|for|at|on|between|with)\b`)

// nameOfRe finds the thing named in "What was the name of the ship used
// by …?" or "What's the name of Zhang Xiao's counterpart?": a sentence
// that names no ship, or no counterpart, does not answer.
var nameOfRe = regexp.MustCompile(`(?i)^\s*(?:what|what's|whats)\s+(?:is\s+|was\s+|are\s+|were\s+)?the\s+names?\s+of\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+)?([\p{L}\p{N}'’ -]{2,60}?)\s*(?:\b(?:of|in|for|at|on|between|with|that|which|who|whose)\b|[?.!]|$)`)

// focusPhrase is the thing a "What is the X of Y?" question asks for: the
// terms a sentence must have (Need) and the modifiers of which it may lack
// at most half (Mods).
type focusPhrase struct {
	Need, Mods []string
}

// focusTerms returns the thing a "What is the X of Y?" or "How many X?"
// question asks for; a sentence that lacks it does not answer, however
// much of Y it mentions.
//
// The thing is the phrase's head noun, its last word before a participle
// ("the mules used at the locks"). A superlative or an ordinal before it
// is needed too ("the longest river", "the second dialogue"). Of its other
// modifiers a sentence may lack at most half: "the new default
// compression level" is answered by "the default compression level was
// raised to 6", but "the capital city" is not by "several cities".
func focusTerms(q string) focusPhrase {
	m := nameOfRe.FindStringSubmatch(q)
	if m == nil {
		m = focusRe.FindStringSubmatch(q)
	}
	if m == nil {
		// "How many towns …?" is answered by a number of towns.
		// The counted noun is the last word before the verb: "How many
		// manual calculations did it require?" counts calculations.
		c := countedRe.FindStringSubmatch(q)
		if c == nil {
			return focusPhrase{}
		}
		head := ""
		for _, w := range strings.Fields(strings.ToLower(c[1])) {
			if phraseEnd[w] || auxiliaries[w] || rateWords[w] || strings.HasSuffix(w, "ed") {
				break // the verb ("belonged") or what follows the noun
			}
			head = w
			if genericCounted[w] || isUnit(w) {
				break // "How many people live …", "How many days a year …"
			}
		}
		if head == "" || genericCounted[head] || isUnit(head) {
			return focusPhrase{}
		}
		if t := analysis.Terms(head); len(t) == 1 && !metaTerms[t[0]] {
			return focusPhrase{Need: t}
		}
		return focusPhrase{}
	}
	words := analysis.Words(m[1])
	for i, w := range words {
		if i > 0 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) {
			words = words[:i]
			break
		}
	}
	var terms, kept []string
	for _, w := range words {
		if _, typeNoun := typeNouns[w]; typeNoun || analysis.IsStopWord(w) {
			continue // "the death toll" is answered by a number, not "toll"
		}
		t := analysis.Stem(w)
		if !metaTerms[t] && !instanceNouns[t] {
			kept = append(kept, w)
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return focusPhrase{}
	}
	f := focusPhrase{Need: terms[len(terms)-1:]}
	for i, w := range kept[:len(kept)-1] {
		if superlative(w) || len(ordinals("the "+w)) > 0 {
			f.Need = append(f.Need, terms[i])
		} else {
			f.Mods = append(f.Mods, terms[i])
		}
	}
	return f
}

// String is the phrase's terms, the modifiers after a "?".
func (f focusPhrase) String() string {
	s := strings.Join(f.Need, " ")
	if len(f.Mods) > 0 {
		s += " ?" + strings.Join(f.Mods, " ")
	}
	return s
}

// countedRe finds the noun counted by "How many X …?".
var countedRe = regexp.MustCompile(`(?i)\bhow\s+many\s+((?:[\p{L}-]+\s*){1,4})`)

// genericCounted are counted nouns a sentence often leaves out or words
// otherwise ("How many people died?" — "killed 300").
var genericCounted = map[string]bool{"people": true, "persons": true, "times": true, "more": true, "other": true,
	"different": true, "of": true, "percent": true}

// isUnit reports whether a counted word is a unit, which the answer type
// checks ("How many square kilometres …?", "How many days …?").
func isUnit(w string) bool {
	return w == "square" || countUnitRe.MatchString("how many "+w) || howManyUnitsRe.MatchString("how many "+w)
}

// instanceNouns name the kind of value asked for, which a sentence gives
// as an instance rather than the word: "What is the founding date of X?"
// is answered by "X was founded on March 14, 1987".
var instanceNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`date day year time number amount total name place location size cost price value
		figure count sum level period duration length height age`) {
		instanceNouns[analysis.Stem(w)] = true
	}
}

// answerTypeRe finds the noun of "Which country …?" or "In what year …?":
// the kind of thing the answer is. A sentence often answers with an instance
// ("Tanzania", "1862") rather than the noun itself, so the noun is optional.
var answerTypeRe = regexp.MustCompile(`(?i)^\s*(?:(?:in|on|at|from|to|for|during|by|with|of)\s+)?(?:which|what)\s+([\p{L}-]+)`)

// rateWords start a rate after a counted noun: "days a year", "calls per
// day", "visits each month".
var rateWords = map[string]bool{"a": true, "an": true, "per": true, "each": true, "every": true}

var auxiliaries = map[string]bool{"am": true, "is": true, "was": true, "are": true, "were": true, "did": true, "does": true, "do": true,
	"has": true, "have": true, "had": true, "can": true, "could": true, "will": true, "would": true, "should": true, "may": true, "might": true}

// measureNouns ask for an amount, which a sentence states in their own
// words ("85 percent", "a share of"), so they stay required terms.
var measureNouns = map[string]bool{"percentage": true, "percent": true, "number": true, "amount": true, "share": true,
	"size": true, "proportion": true, "fraction": true, "rate": true, "ratio": true, "total": true, "sum": true,
	"price": true, "cost": true, "value": true}

// answerType returns the term of the answer-type noun of q, or "".
func answerType(q string) string {
	m := answerTypeRe.FindStringSubmatch(q)
	if m == nil || auxiliaries[strings.ToLower(m[1])] || measureNouns[strings.ToLower(m[1])] {
		return ""
	}
	if ts := analysis.Terms(m[1]); len(ts) == 1 {
		return ts[0]
	}
	return ""
}

// metaTerms are stems of words that describe the asking rather than the
// thing asked about ("How is Taraz described?", "What is it called?"). They
// carry no evidence, so they neither help nor hurt a sentence's coverage.
var metaTerms = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`describe described call called name named mention mentioned
		refer referred know known consider considered happen happened according state stated
		give given example kind type sort`) {
		metaTerms[analysis.Stem(w)] = true
	}
	// Words that stay searchable in the index but say little about which
	// sentence answers (Snowball's longer English stop list).
	for _, w := range strings.Fields(`under over through other others every each few more most own same
		again further once here all any both nor not only off out up down above below before after
		between against during onto upon per via within without another many much`) {
		metaTerms[analysis.Stem(w)] = true
	}
}

// queryTerm is a question term with its weight in the coverage sum.
type queryTerm struct {
	term string
	// surface is the word as the question writes it (folded, lower-case):
	// a sentence with the same word beats one that only shares its stem.
	surface string
	weight  float64
	// entity is true when the question writes it as a name, acronym or number.
	entity bool
	// inCorpus is true when some passage contains the term.
	inCorpus bool
	// cue marks a word that describes the asking ("named", "after"): it has
	// no weight in the coverage, but helps choose between sentences.
	cue bool
	// optional marks the answer-type noun ("Which country …?"): it counts
	// when a sentence has it and is not held against one that doesn't.
	optional bool
	// context marks a term carried over from an earlier turn: it helps a
	// sentence but is not required of it.
	context bool
}

// questionTerms returns the weighted, de-duplicated content terms of q.
func questionTerms(q string, idf func(string) float64, inCorpus func(string) bool, maxIDF float64) []queryTerm {
	entities := entityTerms(q)
	typ := answerType(q)
	seen := map[string]bool{}
	var out []queryTerm
	analysis.EachTerm(q, func(word, term string) {
		if seen[term] || interrogatives[word] {
			return
		}
		seen[term] = true
		qt := queryTerm{term: term, surface: word, entity: entities[term], inCorpus: inCorpus(term), optional: term == typ}
		switch {
		case metaTerms[term] || qt.optional && instanceNouns[term]:
			// "year" in "In what year …?" is answered by "1987", and a
			// sentence that says "eleven years" is no closer for it.
			qt.cue = true
		case qt.inCorpus:
			qt.weight = idf(term)
		case qt.entity:
			// A name the documents never mention: strong evidence that
			// they don't answer the question.
			qt.weight = 1.5 * maxIDF
		default:
			qt.weight = maxIDF
		}
		out = append(out, qt)
	})
	return out
}

var interrogatives = map[string]bool{"how": true, "many": true, "much": true, "whom": true}

// entityTerms returns the terms of words written as names (capitalised
// after the first word), acronyms or numbers.
func entityTerms(q string) map[string]bool {
	out := map[string]bool{}
	fields := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	for i, f := range fields {
		r := []rune(f)
		isNum := unicode.IsDigit(r[0])
		isName := unicode.IsUpper(r[0]) && i > 0
		if !isNum && !isName {
			continue
		}
		for _, t := range analysis.Terms(f) {
			out[t] = true
		}
	}
	return out
}

// superlative reports whether w is a superlative adjective: "longest",
// "largest", but not "interest" or "forest".
func superlative(w string) bool {
	return w == "most" || w == "least" || len(w) > 5 && strings.HasSuffix(w, "est") && !notSuperlative[w]
}

// notSuperlative are words ending in "-est" that are no superlatives.
var notSuperlative = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`interest forest harvest request suggest protest contest conquest digest honest modest
		invest arrest manifest midwest southwest northwest behest bequest earnest unrest inquest`) {
		notSuperlative[w] = true
	}
}
