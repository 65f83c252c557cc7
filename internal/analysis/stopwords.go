package analysis

// IsStopWord reports whether a folded, lower-case word carries too little
// meaning to index (English function words and the possessive "s").
func IsStopWord(w string) bool {
	_, ok := stopWords[w]
	return ok
}

// stopWords is a conventional English list (close to Lucene's and Snowball's),
// kept short so that words such as "first", "against" or "between", which
// questions do hinge on, stay searchable.
var stopWords = toSet(`a an and are as at be been being but by did do does doing for from
had has have having he her hers him his how i if in into is it its itself me my of on or
our ours she so some such than that the their theirs them then there these they this those
to too us was we were what when where which while who whom whose why will with would you
your yours s t can could should shall may might must also very just about`)

func toSet(words string) map[string]struct{} {
	m := map[string]struct{}{}
	start := -1
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' || words[i] == '\n' {
			if start >= 0 {
				m[words[start:i]] = struct{}{}
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return m
}
