package extractive

import (
	"regexp"
	"strings"
	"unicode"
)

// What a sentence offers, read from its wording. Each pattern recognises a
// way English writes a kind of answer (a date, an amount of money, a
// reason), independent of any document.
var (
	yearInRe  = regexp.MustCompile(`\b(1[0-9]{3}|20[0-9]{2})\b|\b\d{1,4}\s*(BC|BCE|AD|CE)\b|\bFY\s?\d{2,4}\b`)
	monthRe   = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?`)
	fullDate  = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b`)
	eraRe     = regexp.MustCompile(`(?i)\b(century|centuries|decade|\d{4}s|(early|mid|late)[- ]\d{4}s?|spring|summer|autumn|fall|winter|Q[1-4]|quarter)\b`)
	relDateRe = regexp.MustCompile(`(?i)\b(the next day|the following (day|week|month|year)|(days?|weeks?|months?|years?|decades?) (later|after|before|earlier|ago)|today|yesterday|tomorrow|(mon|tues|wednes|thurs|fri|satur|sun)days?|daily|weekly|monthly|annually|yearly)\b`)
	clockRe   = regexp.MustCompile(`(?i)\b\d{1,2}(:\d{2})?\s*(o'clock|am\b|pm\b|a\.m\.|p\.m\.|h\b)|\b\d{1,2}:\d{2}\b|\b(noon|midnight|dawn|dusk)\b`)
	numberRe  = regexp.MustCompile(`(?i)\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|several|half|a few|single|double|twice|triple)\b`)
	// A year or an ordinal is not an amount: "in 1997", "the 19th century".
	notAmountRe = regexp.MustCompile(`^(1[0-9]{3}|20[0-9]{2})$`)
	unitTimeRe  = regexp.MustCompile(`(?i)\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|several|a few|a|an|many)[- ](full[- ])?(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|nights?|semesters?|terms?|quarters?|business days?|working days?)\b|\b\d+\s?(ms|s|h|min|d)\b|\bfor (life|ever|decades|years|months)\b|\buntil\b|\bsince\b`)
	moneyInRe   = regexp.MustCompile(`(?i)[$€£¥₹₸]\s?\d|\b\d+(?:\.\d+)?\s?(?:p|pence|ct)\b|\b\d[\d,.]*\s?(k|m|bn|million|billion|thousand)?\s?(dollars?|euros?|pounds?|yen|yuan|renminbi|rubles?|roubles?|tenge|francs?|marks?|USD|EUR|GBP|CNY|RMB|KZT|CHF|cents?)\b|\b(USD|EUR|GBP|CNY|RMB|KZT|CHF|JPY|AUD|CAD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|INR|BRL|MXN|ZAR|SGD|HKD|KRW|TRY|RUB)\s?\d`)
	percentRe   = regexp.MustCompile(`(?i)%|\bper\s?cent|\bpercentage\b|\bpercentage points?\b`)
	unitRe      = regexp.MustCompile(`(?i)\b\d[\d,.]*\s?(-|\s)?(km|kilometres?|kilometers?|miles?|metres?|meters?|m|cm|mm|feet|foot|ft|inch(es)?|kg|kilograms?|tons?|tonnes?|pounds|lbs?|litres?|liters?|gallons?|hectares?|acres?|sq|square|GB|MB|KB|TB|GiB|MiB|KiB|bytes?|bits?|Hz|MHz|GHz|°|°C|°F|degrees?|watts?|kilowatts?|volts?|amps?|grams?|tsp|tbsp|teaspoons?|cups?|rpm|fps|ppm|mph|km/h|knots?|people|inhabitants|residents|employees|staff|workers|members|users|passengers|visitors|students|copies|units|items|requests|connections|characters|lines|files|rows|pages|times|x)\b`)
	// Short unit symbols are read case-sensitively: "5 W" but not "1987 a".
	unitSymbolRe = regexp.MustCompile(`\b\d[\d,.]*\s?(W|kW|MW|V|kV|A|mA|mAh|Wh|kWh|dB|ml|mL|L|g|mg|kg|cm|mm|m|km|s|ms|h|min)\b`)
	reasonInRe   = regexp.MustCompile(`(?i)\b(because|due to|owing to|as a result|as a consequence|so that|in order to|thanks to|on account of|in response to|led to|leading to|caused|causing|resulted in|the reason|reasons?|to avoid|to prevent|to ensure|to allow|to reduce|to protect|to improve|to support|to comply|aimed at|intended to|given that|therefore|hence|thus|for fear)\b`)
	defInRe      = regexp.MustCompile(`(?i)\b(is|are|was|were)\s+(an?|the|one of)\b|\brefers? to\b|\bmeans?\b|\bdefined as\b|\bknown as\b|\bcalled\b|\bconsists? of\b|,\s+(an?|the)\s`)
	affirmRe     = regexp.MustCompile(`(?i)\b(yes|no|not|never|must|may|can|cannot|can't|only|always|allowed|permitted|required|prohibited|forbidden|supports?|supported|does|do|did|is|are|was|were)\b`)
	orgSuffixRe  = regexp.MustCompile(`\b(Inc|Corp|Corporation|Company|Co|Ltd|LLC|GmbH|AG|SA|Group|Bank|Ministry|Committee|University|Institute|Agency|Council|Association|Organization|Organisation|Foundation|Society|Department|Authority|Commission|Party|Union|Board|Club|Fund|Office|Service|Holdings|Partners|Labs|Systems|Technologies|Press|Museum|College|School)\b`)
	placeCueRe   = regexp.MustCompile(`\b(in|at|from|near|to|into|across|outside|inside|north of|south of|east of|west of|between|headquartered in|based in|located in)\s+(the\s+)?\p{Lu}`)
	placeWordRe  = regexp.MustCompile(`(?i)\b(city|town|village|province|region|county|district|street|avenue|road|river|lake|mountain|island|country|state|capital|port|harbou?r|valley|coast|border|building|hall|square|floor|room|office|headquarters|site|campus|plant|factory|warehouse|station|shelter|gate|entrance|exit|car\s+park|parking|yard|garden|basement|lobby|reception|desk|corridor|wing|kitchen|canteen|courtyard|park|shop|store|branch|library|museum|gallery|studio|depot|terminal|platform|folder|directory|menu|tab|page|settings)\b`)
	roleRe       = regexp.MustCompile(`(?i)\b(mr|mrs|ms|dr|prof|sir|president|minister|king|queen|emperor|general|chairman|chairwoman|chair|ceo|founder|director|manager|mayor|governor|secretary|officer|engineer|architect|author|inventor|leader|head|chief)\b`)
)

// hasDate reports whether s says when: a date, a year, an era, a weekday or
// a time of day.
func hasDate(s string) bool { return dateStrength(s) > 0 }

// dateStrength grades how exactly s dates something: a full date 1, a year
// 0.8, a month, season or era 0.6, a time of day 0.5, a date relative to
// another ("two years later") 0.3, nothing 0. "When was it founded?" is
// better answered by "March 14, 1987" than by "thirty-five years after its
// founding".
func dateStrength(s string) float64 {
	switch {
	case fullDate.MatchString(s):
		return 1
	case yearInRe.MatchString(s):
		return 0.8
	case monthRe.MatchString(s) || eraRe.MatchString(s):
		return 0.6
	case clockRe.MatchString(s):
		return 0.5
	case relDateRe.MatchString(s):
		return 0.3
	}
	return 0
}

// hasQuantity reports whether s carries an amount: a number that is not a
// year or an ordinal, or a number word.
func hasQuantity(s string) bool {
	for _, m := range numberRe.FindAllStringIndex(s, -1) {
		n := s[m[0]:m[1]]
		if notAmountRe.MatchString(n) {
			continue
		}
		if rest := s[m[1]:]; len(rest) >= 2 && isOrdinalSuffix(rest[:2]) {
			continue
		}
		// A number joined to a word is part of a name: COVID-19, BX-700;
		// a day next to its month is part of a date: 9 July, July 9.
		if m[0] >= 2 && s[m[0]-1] == '-' && isLetter(s[m[0]-2]) {
			continue
		}
		if monthAfterRe.MatchString(s[m[1]:]) || monthBeforeRe.MatchString(s[:m[0]]) {
			continue
		}
		return true
	}
	return false
}

var (
	monthAfterRe  = regexp.MustCompile(`^(st|nd|rd|th)?\s+(of\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b`)
	monthBeforeRe = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+$`)
)

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isOrdinalSuffix(s string) bool {
	switch strings.ToLower(s) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// newNames returns the capitalised words of s (not at the sentence start)
// that the question does not already contain, and how many of them stand
// in a run of two or more (a full name: "Lena Hofmann", "Astana Hub").
func newNames(s, question string) (names, runs int) {
	q := strings.ToLower(question)
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' })
	prevNew := false
	first := true
	for _, w := range words {
		if strings.HasPrefix(w, "-") || strings.HasSuffix(w, "-") {
			// A bullet, or letters joined to a number: "CVE-2024-22190",
			// "BX-700" are codes, not names.
			prevNew = false
			continue
		}
		start := first
		first = false
		if len(w) < 2 {
			prevNew = false
			continue
		}
		r := []rune(w)
		isNew := unicode.IsUpper(r[0]) && !strings.Contains(q, strings.ToLower(w))
		if isNew && start {
			// The first word is capitalised anyway; it counts only as the
			// start of a run.
			prevNew = true
			continue
		}
		if isNew {
			names++
			if prevNew {
				runs++
			}
		}
		prevNew = isNew
	}
	return names, runs
}

// wanted is what a question asks for beyond its kind, read from it once:
// the units of a physical quantity, the form of a contact, whether a count
// or a duration is asked in a unit, whether a difference is asked for.
// names is the text whose names are not new in an answer (the question,
// and for a follow-up the earlier turn's).
type wanted struct {
	names string
	// shareOf: "how much of" or a rate of pay is asked, which a percentage
	// answers.
	shareOf bool
	// openWhen: a when-question about a rule or habit (see openWhenRe).
	openWhen bool
	// procedural: a question for a procedure (see proceduralRe).
	procedural bool

	dim, contact                      *regexp.Regexp
	countUnit, relative, howManyUnits bool
}

// wantedBy reads a question's wants; a follow-up's are its own ("And how
// long is its cable?" after "How heavy is it?" asks for a length).
func wantedBy(question string) wanted {
	return wanted{names: question, dim: dimensionOf(question), contact: contactOf(question),
		countUnit: countUnitRe.MatchString(question), relative: relativeRe.MatchString(question),
		howManyUnits: howManyUnitsRe.MatchString(question), shareOf: shareOfRe.MatchString(question) || payRateRe.MatchString(question), openWhen: openWhenRe.MatchString(question), procedural: proceduralRe.MatchString(question)}
}

// fit grades (0–1) how well sentence s offers the kind of answer asked for.
// Kinds with no recognisable form (other, yes/no) fit every sentence.
func fit(k kind, s, question string) float64 {
	return fitWanted(k, s, wantedBy(question))
}

// fitWanted is fit with the question already read.
func fitWanted(k kind, s string, w wanted) float64 {
	question, dim := w.names, w.dim
	switch k {
	case kindWhen:
		d := dateStrength(s)
		if w.openWhen && d < 0.6 && (unitTimeRe.MatchString(s) || everyRe.MatchString(s) || conditionRe.MatchString(s)) {
			// "When should I replace the filter?" is answered by "every
			// 12 months", "When am I eligible?" by "after 3 months",
			// "How far back can I see statements?" by "seven years",
			// "When is it worth running prune-state?" by "only if the
			// database has grown beyond…".
			return 0.6
		}
		return d
	case kindYear:
		if yearInRe.MatchString(s) {
			return 1
		}
		return dateStrength(s) / 2
	case kindVersion:
		if versionRe.MatchString(s) {
			return 1
		}
		return 0
	case kindContact:
		if w.contact != nil && w.contact.MatchString(s) {
			return 1
		}
		return 0
	case kindDuration:
		switch {
		case unitTimeRe.MatchString(s):
			return 1
		case w.howManyUnits:
			return 0 // "How many days …?" wants days
		case hasQuantity(s):
			return 0.4
		case hasDate(s):
			return 0.3
		}
		return 0
	case kindMoney:
		switch {
		case moneyInRe.MatchString(s):
			return 1
		case w.shareOf && percentRe.MatchString(s):
			// "How much of the cost will the fund pay?": "up to 80
			// percent of the cost".
			return 1
		case hasQuantity(s):
			return 0.3
		}
		return 0
	case kindPercent:
		if percentRe.MatchString(s) {
			return 1
		}
		return 0
	case kindCount:
		if dim != nil && w.countUnit {
			// "How many tons of oil …?" wants tons.
			if dim.MatchString(s) {
				return 1
			}
			return 0
		}
		// A count is not a share or a sum of money ("21 percent of the
		// rise" does not count glaciers), and "several" counts nothing.
		c := countableRe.ReplaceAllString(s, "")
		switch {
		case hasQuantity(vagueRe.ReplaceAllString(c, "")):
			return 1
		case hasQuantity(c):
			return 0.3
		}
		return 0
	case kindQuantity:
		if d := dim; d != nil {
			// "How much less memory …?" may be answered by a share.
			if w.relative && percentRe.MatchString(s) {
				return 1
			}
			// "How heavy is it?" is answered in kilograms, not by "650 W"
			// in the same table nor by "one kneading paddle" (a length
			// may be a time: "How long is the warranty?").
			if d.MatchString(s) {
				return 1
			}
			// "How old is the border?" is answered by when it began:
			// "date back to the mid-19th century", "built in 1864".
			if d == ageUnits && hasDate(s) {
				return 0.7
			}
			return 0
		}
		switch {
		case hasDigit(s) && (unitRe.MatchString(s) || unitSymbolRe.MatchString(s) || moneyInRe.MatchString(s)) || percentRe.MatchString(s):
			return 1
		case unitTimeRe.MatchString(s):
			return 0.7
		case hasQuantity(s):
			// "one kneading paddle": "one" is more often a determiner
			// than the amount asked for.
			if oneRe.MatchString(s) && !hasQuantity(oneRe.ReplaceAllString(s, "")) {
				return 0.3
			}
			return 0.7
		}
		return 0
	case kindWho:
		names, runs := newNames(s, question)
		switch {
		case runs > 0:
			return 1
		case names > 0 || newRole(s, question):
			return 0.6
		}
		return 0
	case kindWhere:
		names, _ := newNames(s, question)
		switch {
		case placeCueRe.MatchString(s) && names > 0:
			return 1
		case names > 0 || placeWordRe.MatchString(s):
			return 0.6
		case emailInRe.MatchString(s) || webInRe.MatchString(s):
			// "Where should I report a vulnerability?": to an e-mail
			// address or a web page.
			return 0.6
		}
		return 0
	case kindName:
		// "What was the name of his counterpart?" needs a name the
		// question does not already give.
		if names, _ := newNames(s, question); names > 0 || hasAcronym(s, question) {
			return 1
		}
		// A term need not be a proper name: "stacked in piles called
		// grana", "known as the dark reactions".
		for _, m := range calledRe.FindAllStringSubmatch(s, -1) {
			if !strings.Contains(strings.ToLower(question), strings.ToLower(m[2])) {
				return 1
			}
		}
		return 0
	case kindOrg:
		names, _ := newNames(s, question)
		switch {
		case orgSuffixRe.MatchString(s) || hasAcronym(s, question):
			return 1
		case names > 0:
			return 0.7
		}
		return 0
	case kindReason:
		if reasonInRe.MatchString(s) {
			return 1
		}
		return 0.2
	case kindDefinition:
		if defInRe.MatchString(s) {
			return 1
		}
		return 0.4
	case kindYesNo:
		if affirmRe.MatchString(s) {
			return 1
		}
		return 0.8
	}
	// "How do I freeze my card?" is answered by the steps, quoted with
	// their lead-in, or by a command, better than by one step.
	if k == kindOther && w.procedural && !stepsRe.MatchString(s) {
		return 0.7
	}
	return 1
}

// proceduralRe finds a question for a procedure: "how do I …", "how can I
// …", "what are the steps to …".
var proceduralRe = regexp.MustCompile(`(?i)^\s*(?:and\s+)?(?:how\s+(?:do|can|should|would|could|will)\s+(?:i|we|you|one)\b|how\s+to\b|what\s+are\s+the\s+steps\b|steps\s+to\b)`)

// stepsRe finds a unit quoted with its steps or its code block.
var stepsRe = regexp.MustCompile("\n\\s*(?:" + listMarker + "|```)")

// A dimension is a physical quantity a question may ask for, recognised by
// its question words, and the units a sentence gives it in.
type dimension struct {
	asked, units *regexp.Regexp
}

const num = `\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|several|a few)(\s(hundred|thousand|million|billion))?\s?-?\s?`

// ageUnits finds an age: "71 years", "aged 12", "her 40th birthday".
var ageUnits = regexp.MustCompile(`(?i)` + num + `(years?|-year-old|months?)\b|\baged?\s+(of\s+)?\d+|\b\d+(st|nd|rd|th)\s+birthday\b`)

var dimensions = []dimension{
	{regexp.MustCompile(`(?i)\b(square\s+(kilomet|met|mile|feet|foot)\w*|hectares|acres|km²|sq\.?\s*(km|mi|m|ft))\b|\b(surface\s+)?area\s+(of|does|did|is|was|covered)\b|\bhow\s+(large|big)\s+an?\s+area\b`),
		regexp.MustCompile(`(?i)` + num + `(square\s+\w+|sq\.?\s*\w+|km²|m²|hectares?|ha|acres?)\b|\b\d[\d,.]*\s?(km²|m²)`)},
	{regexp.MustCompile(`(?i)\b(how\s+heavy|weigh|weighs|weight|mass)\b|\b(how\s+many|in)\s+(kg|kilograms|kilos|tonnes|tons|pounds|lbs|grams|ounces)\b`),
		regexp.MustCompile(`(?i)` + num + `(kg|kilograms?|kilos?|g|grams?|mg|milligrams?|t|tons?|tonnes?|pounds|lbs?|ounces?|oz)\b`)},
	{regexp.MustCompile(`(?i)\b(memory|RAM|disk\s+space|storage|file\s+size|download\s+size|bandwidth)\b|\b(how\s+many|in)\s+(bytes|kilobytes|megabytes|gigabytes|terabytes|KB|MB|GB|TB|KiB|MiB|GiB)\b`),
		regexp.MustCompile(`(?i)` + num + `(bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|KB|MB|GB|TB|KiB|MiB|GiB|TiB|kB)\b`)},
	{regexp.MustCompile(`(?i)\b(energy|kWh|kilowatt[- ]hours?|calories|joules)\b`),
		regexp.MustCompile(`(?i)` + num + `(Wh|kWh|MWh|GWh|TWh|kilowatt[- ]hours?|megawatt[- ]hours?|joules?|J|kJ|MJ|calories|kcal|cal)\b`)},
	{regexp.MustCompile(`(?i)\bhow\s+(long|far|tall|high|deep|wide|thick)\b|\b(length|distance|height|depth|width|thickness|elevation|altitude)\b|\b(how\s+many|in)\s+(km|kilomet(re|er)s|miles|met(re|er)s|feet|cm|centimet(re|er)s|millimet(re|er)s|mm|inches)\b`),
		regexp.MustCompile(`(?i)` + num + `(km|kilometres?|kilometers?|miles?|m|metres?|meters?|cm|centimetres?|centimeters?|mm|millimetres?|millimeters?|feet|foot|ft|inch(es)?|in|yards?|nautical miles?|characters?|chars|digits|letters|words)\b|` +
			num + `(years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b`)},
	{regexp.MustCompile(`(?i)\bhow\s+fast\b|\b(speed|velocity)\b`),
		regexp.MustCompile(`(?i)` + num + `((km|kilometres?|kilometers?|miles?|m|metres?|meters?|cm|centimetres?|centimeters?|mm|millimetres?|millimeters?|feet|ft|inch(es)?)\s?(per|an?|/)\s?(year|hour|second|minute|day|h|s)|km/h|kph|mph|knots?|rpm)\b`)},
	{regexp.MustCompile(`(?i)\bhow\s+(hot|cold|warm)\b|\btemperature\b`),
		regexp.MustCompile(`(?i)` + num + `(°|degrees?|°C|°F)|\b\d+\s?°`)},
	{regexp.MustCompile(`(?i)\b(capacity|volume)\b|\bhow\s+much\s+(water|liquid|fuel)\b`),
		regexp.MustCompile(`(?i)` + num + `(l|litres?|liters?|ml|millilitres?|milliliters?|gallons?|cubic|m³|cups?|GB|TB|MB)\b`)},
	{regexp.MustCompile(`(?i)\b(power|wattage|powerful)\b`),
		regexp.MustCompile(num + `(W|kW|MW|GW|watts?|kilowatts?|megawatts?|horsepower|hp)\b`)},
	{regexp.MustCompile(`(?i)\bhow\s+old\b|\bwhat\s+age\b|\bage\b`), ageUnits},
}

// countUnitRe finds a count asked for in a unit ("How many square
// kilometres …?", "… in tonnes?"), as against a count of things whose
// question happens to name a dimension ("How many towns … at its height?").
var countUnitRe = regexp.MustCompile(`(?i)\b(how\s+many|in)\s+(square\s+)?(kilomet|centimet|millimet|met|mile|feet|foot|inch|kg|kilogram|kilo|tonne|ton|pound|lb|gram|ounce|byte|kilobyte|megabyte|gigabyte|terabyte|KB|MB|GB|TB|km|cm|mm|hectare|acre|kWh|joule|calorie|litre|liter|gallon)`)

// relativeRe finds a question about a difference ("How much less …?",
// "By how much …?"), which a percentage answers.
// calledRe finds a term being given: "called grana", "known as the dark
// reactions".
var calledRe = regexp.MustCompile(`(?i)\b(called|known\s+as|named|termed|referred\s+to\s+as|nicknamed|dubbed)\s+(?:the\s+|a\s+|an\s+)?["“'‘]?([\p{L}][\p{L}-]+)`)

// conditionRe finds a condition: "only if the database has grown", "where
// a vehicle causes an obstruction", "unless", "as long as".
var conditionRe = regexp.MustCompile(`(?i)\b(?:only\s+(?:if|when|where|once|after)|unless|as\s+long\s+as|provided\s+(?:that\s+)?|on\s+condition\s+that)\b|^\s*if\b`)

// everyRe finds an interval: "every 12 months", "once a year".
var everyRe = regexp.MustCompile(`(?i)\b(every|each|once\s+a|twice\s+a|per)\s+(\d+\s+)?(year|month|week|day|hour|season)s?\b`)

// openWhenRe finds a when-question about a rule or a habit rather than an
// event ("When should I replace…?", "When am I eligible…?", "How far back
// can I see…?"), which an interval or a delay answers.
var openWhenRe = regexp.MustCompile(`(?i)^\s*(?:and\s+)?when\s+(?:should|must|can|could|am|are|is|do|does|will|would)\b|\bhow\s+far\s+back\b`)

// payRateRe finds a question about a rate of pay or a contribution,
// which a percentage answers: "What extra pay does working nights earn?"
// ("a premium of 18%"), "How much does the employer pay into my pension?"
var payRateRe = regexp.MustCompile(`(?i)\b(extra\s+pay|premium|rate|raise|pay\s+rise|interest|commission|discount|surcharge|pay\s+into|contribut\w*|match)\b`)

// shareOfRe finds "how much of": a share answers it as well as a sum.
var shareOfRe = regexp.MustCompile(`(?i)\bhow\s+much\s+of\b`)

var relativeRe = regexp.MustCompile(`(?i)\bhow\s+much\s+(less|more|faster|slower|smaller|bigger|larger|cheaper|lower|higher)\b|\bby\s+how\s+much\b|\bhow\s+much\s+(?:did|does|has|have|had|will|would)\b.*\b(go\s+down|go\s+up|went\s+down|went\s+up|fall|fell|drop|dropped|rise|rose|increase|decrease|grow|grew|shrink|shrank|improve|decline|declined|reduce|cut)\b`)

// howManyUnitsRe finds "how many days" and the like: a duration asked for
// in a unit of time.
var howManyUnitsRe = regexp.MustCompile(`(?i)\bhow\s+many\s+(years|months|weeks|days|hours|minutes|seconds|decades|centuries|nights)\b`)

// Contacts: what "What is the e-mail address of …?" and its kin ask for,
// and how a sentence writes it.
var contacts = []dimension{
	{regexp.MustCompile(`(?i)\be-?mail(\s+address)?\b`), emailInRe},
	{regexp.MustCompile(`(?i)\b(tele)?phone\s+number\b|\bhotline\b|\bwhat\s+number\s+(do|should|can)\b`), regexp.MustCompile(`\+?\(?\d[\d ()/.-]{5,}\d`)},
	{regexp.MustCompile(`(?i)\b(website|web\s+site|web\s+address|web\s+page|homepage|URL)\b`), webInRe},
}

// emailInRe and webInRe find how a sentence writes an e-mail address and a
// web address.
var (
	emailInRe = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`)
	webInRe   = regexp.MustCompile(`(?i)\bhttps?://\S+|\bwww\.\S+|\b[\w-]+(\.[\w-]+)*\.(com|org|net|io|dev|de|fr|uk|eu|info|gov|edu)(/\S*)?\b`)
)

// contactOf returns how a sentence writes the contact the question asks
// for, or nil when it asks for none.
func contactOf(question string) *regexp.Regexp {
	if !contactAskRe.MatchString(question) {
		return nil
	}
	for _, c := range contacts {
		if c.asked.MatchString(question) {
			return c.units
		}
	}
	return nil
}

// contactAskRe: the question asks for the contact itself ("What is the
// e-mail address …", "Which website …"), not about it ("Can I send the
// form by e-mail?").
var contactAskRe = regexp.MustCompile(`(?i)^\s*(?:(?:at|on|to|from|via)\s+)?(?:what|which|where)\b`)

// dimensionOf returns the units of the physical quantity question asks
// for, or nil when it asks for none in particular ("How big is the fleet?").
func dimensionOf(question string) *regexp.Regexp {
	for _, d := range dimensions {
		if d.asked.MatchString(question) {
			return d.units
		}
	}
	return nil
}

// newRole reports whether s names a role ("the director", "Dr") the
// question does not: "Who is the chief financial officer?" is not answered
// by "approved by the Chief Financial Officer".
func newRole(s, question string) bool {
	asked := map[string]bool{}
	for _, r := range roleRe.FindAllString(question, -1) {
		asked[strings.ToLower(r)] = true
	}
	for _, r := range roleRe.FindAllString(s, -1) {
		if !asked[strings.ToLower(r)] {
			return true
		}
	}
	return false
}

// hasAcronym reports whether s has an all-capitals word of 2+ letters that
// the question lacks.
func hasAcronym(s, question string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) >= 2 && strings.ToUpper(w) == w && !strings.Contains(question, w) {
			return true
		}
	}
	return false
}

// mustFit reports whether a question kind is only answered by a sentence
// that offers that kind: "When did the Soviet Union collapse?" is not
// answered by a sentence about the collapse that gives no date, nor "How
// long is the border?" by one without a number, nor "Where did he die?" by
// "He died four years later and was buried beside her." (Who-questions are
// not: "Who approves trips?" may be answered by a role, and requiring a
// name cost right answers on the tuning sets.)
func mustFit(k kind) bool {
	switch k {
	case kindWhen, kindYear, kindDuration, kindMoney, kindPercent, kindCount, kindQuantity, kindName, kindContact, kindWhere, kindVersion:
		return true
	}
	return false
}

// hasDigit reports whether s has a digit, which units, symbols and money
// need: the check spares their patterns most sentences.
func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// countableRe finds amounts that are no count: percentages and money.
var countableRe = regexp.MustCompile(`(?i)\b\d[\d,.]*\s?(%|per\s?cent\b|percent\b)|[$€£¥₹₸]\s?\d[\d,.]*(\s?(k|m|bn|million|billion|thousand)\b)?|\b\d[\d,.]*\s?(million|billion|thousand)?\s?(dollars?|euros?|pounds?|yen|yuan|tenge|USD|EUR|GBP)\b`)

// vagueRe finds quantifiers that give no number: "several cities".
var vagueRe = regexp.MustCompile(`(?i)\b(several|a few)\b`)

// oneRe finds "one" and "single", which count one thing rather than
// measure it.
var oneRe = regexp.MustCompile(`(?i)\b(?:one|single)\b`)

// versionRe finds a version number: "3.9", "4.0.1", "v2", "version 7".
var versionRe = regexp.MustCompile(`(?i)\b\d+\.\d+(?:\.\d+)*\b|\bv\d+\b|\b(?:version|release)\s+\d+\b`)

// mentionsPercent reports whether a sentence states a percentage.
func mentionsPercent(s string) bool { return percentRe.MatchString(s) }

// isNumber reports whether an analysis term is a number of two or more
// digits ("2022", "35"): one digit is too often part of a name or a list.
func isNumber(term string) bool {
	if len(term) < 2 {
		return false
	}
	for _, c := range term {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ordinalRe finds ordinals; "last" and "final" only after a determiner
// ("How long does it last?" is a verb), "second" not as a unit ("per
// second").
var ordinalRe = regexp.MustCompile(`(?i)(^|\s|\()(?:(?:the|its|his|her|their)\s+(last|final)|(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)))\b`)

var notOrdinalRe = regexp.MustCompile(`(?i)\b(per|each|every|split)\s+second\b`)

// ordinals are the ordinal words of s, lower-cased, "final" as "last".
func ordinals(s string) map[string]bool {
	out := map[string]bool{}
	s = notOrdinalRe.ReplaceAllString(s, "")
	for _, sub := range ordinalRe.FindAllStringSubmatch(s, -1) {
		m := strings.ToLower(sub[2] + sub[3])
		switch m {
		case "final":
			m = "last"
		case "1st":
			m = "first"
		case "2nd":
			m = "second"
		case "3rd":
			m = "third"
		}
		out[m] = true
	}
	return out
}

// ceYearRe finds a year of the common era: 1000 to 2099, or of three
// digits after a word that dates ("in 867", "from 976").
var ceYearRe = regexp.MustCompile(`(?i)\b(1[0-9]{3}|20[0-9]{2})\b|\b(?:in|since|until|from|by|to|after|before|around|AD|c\.)\s+([1-9][0-9]{2})\b`)

// years returns the years s mentions.
func years(s string) map[string]bool {
	m := map[string]bool{}
	for _, g := range ceYearRe.FindAllStringSubmatch(s, -1) {
		m[g[1]+g[2]] = true
	}
	return m
}

// yearConflict reports whether the question asks about a year (q, its
// years) and the sentence dates something else: "Who founded the dynasty
// in 976?" is not answered by "the dynasty, founded by Basil I in 867",
// even when the next sentence mentions 976.
func yearConflict(q map[string]bool, sentence string) bool { return conflict(q, years(sentence)) }

// ordinalConflict reports whether the question, whose ordinals are q,
// asks about one of a series ("the first friendly dialogue") and the
// sentence names another of it but not that one ("signed a Second
// friendly dialogue").
func ordinalConflict(q map[string]bool, sentence string) bool {
	if len(q) == 0 {
		return false
	}
	return conflict(q, ordinals(sentence))
}

// conflict reports whether a question asks about some of a kind of thing
// (asked: years, ordinals) and the sentence names only others of it.
func conflict(asked, found map[string]bool) bool {
	if len(asked) == 0 || len(found) == 0 {
		return false
	}
	for x := range asked {
		if found[x] {
			return false
		}
	}
	return true
}
