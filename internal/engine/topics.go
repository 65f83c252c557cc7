package engine

import (
	"context"
	"iter"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/retrieval"
)

// topicsVersion changes whenever topic extraction changes, so stored topics
// are extracted again.
const topicsVersion = "topics-v1"

// topicsAttachment stores the corpus's topics with the index, one a line:
// extracting them reads every passage, work for index time, not for every
// open.
func topicsAttachment() retrieval.Attachment {
	return retrieval.Attachment{
		Name:    "topics",
		Version: topicsVersion,
		Build: func(_ context.Context, ps []corpus.Passage) ([]byte, error) {
			return []byte(strings.Join(extractTopics(ps), "\n")), nil
		},
	}
}

// extractTopics is topicsOf; tests replace it to see when topics are
// extracted.
var extractTopics = topicsOf

func decodeTopics(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	return strings.Split(string(data), "\n")
}

// maxTopics bounds the topic list kept for autocompletion.
const maxTopics = 500

// tokens splits text into words (letters, digits, inner hyphens and
// apostrophes) and single punctuation marks, which end a name: the matches
// of `[\p{L}\p{N}][\p{L}\p{N}'’-]*|[^\s\p{L}\p{N}]` (\s being ASCII space),
// in one pass and without a regexp, which took most of the time of topicsOf.
func tokens(s string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		n := 0
		for i := 0; i < len(s); {
			r, w := utf8.DecodeRuneInString(s[i:])
			switch {
			case isWordRune(r):
				j := i + w
				for j < len(s) {
					r, w := utf8.DecodeRuneInString(s[j:])
					if !isWordRune(r) && r != '\'' && r != '’' && r != '-' {
						break
					}
					j += w
				}
				if !yield(n, s[i:j]) {
					return
				}
				n++
				i = j
			case r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r':
				i += w
			default:
				if !yield(n, s[i:i+w]) {
					return
				}
				n++
				i += w
			}
		}
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// topicsOf returns the corpus's names (runs of capitalised words such as
// "Protocol of Chuguchak" or "Zhang Qian") and its frequent content words,
// most frequent first; each is counted once per passage. A capitalised word
// that starts a sentence counts as a name only when the corpus never writes
// it in lower case.
func topicsOf(passages []corpus.Passage) []string {
	lower := map[string]bool{}
	texts := make([]string, len(passages))
	for i, p := range passages {
		texts[i] = p.IndexText()
		for _, w := range tokens(texts[i]) {
			if !isCapitalised(w) {
				lower[strings.ToLower(w)] = true
			}
		}
	}
	count := map[string]int{}
	for _, text := range texts {
		seen := map[string]bool{}
		add := func(t string) {
			key := strings.ToLower(t)
			if !seen[key] {
				seen[key] = true
				count[t]++
			}
		}
		for _, s := range analysis.Sentences(text) {
			var name []string
			flush := func() {
				// Connectors at the ends ("The", "of") are not part of a name.
				for len(name) > 0 && analysis.IsStopWord(strings.ToLower(name[0])) {
					name = name[1:]
				}
				for len(name) > 0 && !isCapitalised(name[len(name)-1]) {
					name = name[:len(name)-1]
				}
				if n := len(name); n > 0 {
					name[n-1] = strings.TrimSuffix(strings.TrimSuffix(name[n-1], "'s"), "’s")
					if t := strings.Join(name, " "); utf8.RuneCountInString(t) >= 2 {
						add(t)
					}
				}
				name = nil
			}
			for i, w := range tokens(s) {
				lw := strings.ToLower(w)
				switch {
				case isCapitalised(w) && (i > 0 || !lower[lw] && !analysis.IsStopWord(lw)):
					name = append(name, w)
				case len(name) > 0 && len(name) < 4 && (w == "of" || w == "the"):
					name = append(name, w)
				default:
					flush()
					if utf8.RuneCountInString(lw) >= 5 && !analysis.IsStopWord(lw) && !isCapitalised(w) && unicode.IsLetter([]rune(lw)[0]) {
						add(lw)
					}
				}
			}
			flush()
		}
	}
	topics := make([]string, 0, len(count))
	for t, n := range count {
		if n >= 2 || isCapitalised(t) {
			topics = append(topics, t)
		}
	}
	sort.Slice(topics, func(i, j int) bool {
		if count[topics[i]] != count[topics[j]] {
			return count[topics[i]] > count[topics[j]]
		}
		return topics[i] < topics[j]
	})
	if len(topics) > maxTopics {
		topics = topics[:maxTopics]
	}
	return topics
}

func isCapitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// Topics returns up to limit topics and names of the corpus, most frequent
// first, whose words start with prefix (case and diacritics ignored).
func (e *Engine) Topics(prefix string, limit int) []string {
	p := analysis.Fold(strings.TrimSpace(prefix))
	var out []string
	for _, t := range e.state().topics() {
		if len(out) >= limit {
			break
		}
		if p == "" || wordPrefix(analysis.Fold(t), p) {
			out = append(out, t)
		}
	}
	return out
}

func wordPrefix(s, prefix string) bool {
	if strings.HasPrefix(s, prefix) {
		return true
	}
	return strings.Contains(s, " "+prefix)
}

// PassageIDs returns up to limit passage ids that start with prefix, or
// failing that contain it (case ignored), in corpus order.
func (e *Engine) PassageIDs(prefix string, limit int) []string {
	p := strings.ToLower(strings.TrimSpace(prefix))
	var starts, contains []string
	for _, ps := range e.state().index.Passages() {
		id := strings.ToLower(ps.ID)
		switch {
		case strings.HasPrefix(id, p):
			starts = append(starts, ps.ID)
		case strings.Contains(id, p):
			contains = append(contains, ps.ID)
		}
		if len(starts) >= limit {
			break
		}
	}
	out := append(starts, contains...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
