package extractive

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	yearRe   = regexp.MustCompile(`\b(1[0-9]{3}|20[0-9]{2})\b|\b\d{1,4}\s*(BC|BCE|AD|CE)\b`)
	monthRe  = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)\b`)
	eraRe    = regexp.MustCompile(`(?i)\b(century|centuries|decade|\d{4}s|the next day|the following year|years? later|ago|today|yesterday|tomorrow|(mon|tues|wednes|thurs|fri|satur|sun)days?|daily|weekly|monthly|annually|yearly)\b`)
	clockRe  = regexp.MustCompile(`(?i)\b\d{1,2}(:\d{2})?\s*(o'clock|am\b|pm\b|a\.m\.|p\.m\.|h\b)|\b\d{1,2}:\d{2}\b|\b(noon|midnight|dawn|dusk)\b`)
	numberRe = regexp.MustCompile(`(?i)\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|several|half|percent)\b`)
	// A year or an ordinal is not an amount: "in 1997", "the 19th century".
	notAmountRe = regexp.MustCompile(`^(1[0-9]{3}|20[0-9]{2})$`)
)

// hasDate reports whether s says when: a date, a year, an era, a weekday or
// a time of day.
func hasDate(s string) bool {
	return yearRe.MatchString(s) || monthRe.MatchString(s) || eraRe.MatchString(s) || clockRe.MatchString(s)
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
		return true
	}
	return false
}

func isOrdinalSuffix(s string) bool {
	switch strings.ToLower(s) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// hasNewName reports whether s names something (a capitalised word not at
// the sentence start) that the question does not already name.
func hasNewName(s, question string) bool {
	q := strings.ToLower(question)
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	for i, w := range words {
		if i == 0 || len(w) < 2 {
			continue
		}
		r := []rune(w)
		if unicode.IsUpper(r[0]) && !strings.Contains(q, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// fitsKind reports whether sentence s has the kind of answer the question asks for.
func fitsKind(k kind, s, question string) bool {
	switch k {
	case kindWhen:
		return hasDate(s)
	case kindQuantity:
		return hasQuantity(s)
	case kindWho, kindWhere:
		return hasNewName(s, question)
	}
	return true
}

var (
	asksPercentRe = regexp.MustCompile(`(?i)\b(what|which)\s+(percentage|percent|proportion|share)\b|\bhow\s+many\s+percent`)
	percentRe     = regexp.MustCompile(`(?i)%|\bper\s?cent|\bpercentage\b`)
)

// asksPercent reports whether a question asks for a percentage.
func asksPercent(q string) bool { return asksPercentRe.MatchString(q) }

// mentionsPercent reports whether a sentence states a percentage.
func mentionsPercent(s string) bool { return percentRe.MatchString(s) }
