package llm

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/answer"
)

// abstainPatterns match replies saying the sources don't answer the
// question: the reply the rules ask for, and the usual ways models put it.
var abstainPatterns = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`\b(?:the |these |provided |given |available )*(?:sources?|passages?|context|documents?|texts?|excerpts?)\b[^.!?\n]{0,40}?\b(?:do|does|did|can|could)(?: not|n't)\b[^.!?\n]{0,30}?\b(?:say|state|cover|mention|contain|address|answer|provide|include|discuss|specify|describe|explain|give|tell|indicate|support|offer)`,
	`\b(?:sources?|passages?|context|documents?) (?:are|is) silent\b`,
	`\b(?:no|not enough|insufficient) (?:relevant |specific )?information\b[^.!?\n]{0,40}\b(?:sources?|passages?|context|documents?|provided)\b`,
	`\bnot (?:mentioned|covered|stated|addressed|specified|discussed|found) in (?:the |any of the )?(?:provided |given )?(?:sources?|passages?|context|documents?)`,
	`\bnone of the (?:provided |given )?(?:sources|passages|documents)\b`,
	`\b(?:i|we) (?:cannot|can't|am unable to|are unable to|could not|couldn't) (?:answer|determine|find|tell)\b`,
	`\bthere is no (?:mention|information|indication)\b`,
}, "|"))

// abstains reports whether text says the sources don't answer the question.
// The answerer only asks when no valid citation remains: an answer that
// cites a source answers at least in part.
func abstains(text string) bool {
	return abstainPatterns.MatchString(strings.ReplaceAll(text, "’", "'"))
}

// unsupportedSentences returns a warning for each marker [k] whose sentence
// shares no content term (stemmed, stop words dropped) with passage k.
func unsupportedSentences(text string, cites []answer.Citation) []string {
	terms := make([]map[string]bool, len(cites))
	for i, c := range cites {
		terms[i] = map[string]bool{}
		for _, t := range analysis.Terms(c.IndexText()) {
			terms[i][t] = true
		}
	}
	var warnings []string
	for _, sentence := range analysis.Sentences(text) {
		nums := markerNumbers(sentence, len(cites))
		if len(nums) == 0 {
			continue
		}
		words := analysis.Terms(stripCitations(sentence))
		if len(words) == 0 {
			continue
		}
		seen := map[int]bool{}
		for _, k := range nums {
			if seen[k] {
				continue
			}
			seen[k] = true
			if !sharesTerm(words, terms[k-1]) {
				warnings = append(warnings, fmt.Sprintf("[%d] is cited for a sentence that shares no content word with it: %q", k, clipRunes(sentence, 100)))
			}
		}
	}
	return warnings
}

func sharesTerm(words []string, set map[string]bool) bool {
	for _, w := range words {
		if set[w] {
			return true
		}
	}
	return false
}
