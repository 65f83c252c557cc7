package llm

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation markers in model output are "[n]", "[n, m]", "[n; m]" and ranges
// "[n-m]", "[n–m]", "[n—m]", with numbers of up to nine digits and spaces
// allowed between the parts. A rewriter turns them into the answer's own
// markers: references to sources that don't exist are removed (so "[1000]"
// or "[2021]" with five sources goes), a range that reaches past the
// sources or spans more than maxCitedNumbers numbers is dropped whole rather
// than cut to fit ("[1-200]" must not cite every passage), as is a marker
// naming more than maxCitedNumbers numbers; the remaining sources are
// renumbered from 1 in order of first use, each as its own "[k]". Anything
// else in brackets ("[note]", "[a](url)") is left as written.
//
// The rewriter works on a stream: Write takes chunks as the model produces
// them and returns the text that is safe to show, holding back only an
// unfinished marker, whitespace before a possible marker, and a split UTF-8
// sequence. Writing the text in any chunks gives the same output as writing
// it at once, so the streamed text equals Answer.Text.
//
// Output is stable: rewriting it again with the identity numbering finds the
// same markers and changes nothing. To keep that true when a removed marker
// directly follows an unfinished one, as in "[1[9]0]", the removed marker is
// written as "(9)" so that the text around it cannot join into a new marker.

// maxMarkerBytes bounds a marker; a longer bracket is text.
const maxMarkerBytes = 48

// maxCitedNumbers is the most numbers one marker or range may name; a model
// citing more is not pointing at its evidence.
const maxCitedNumbers = 10

// maxMarkerDigits bounds a number in a marker; longer runs of digits are
// text.
const maxMarkerDigits = 9

type rewriter struct {
	n      int         // sources 1..n exist
	renum  map[int]int // source number → answer number
	order  []int       // source numbers in order of first use
	remove bool        // drop every marker (for prior turns)

	out     strings.Builder // output of the current Write
	partial string          // incomplete UTF-8 sequence from the last chunk
	ws      []byte          // whitespace held before a possible marker
	skipWS  bool            // after a removed marker, hold no more whitespace
	started bool            // something other than whitespace was written

	pending []byte // an unfinished marker, starting with '['
	restart bool   // pending began at a '[' that ended an unfinished marker
	marker  markerParse
}

func newRewriter(n int) *rewriter { return &rewriter{n: n, renum: map[int]int{}} }

// Write consumes the next chunk of model text and returns the output that
// is now final.
func (w *rewriter) Write(chunk string) string {
	w.out.Reset()
	s := chunk
	if w.partial != "" {
		s = w.partial + chunk
		w.partial = ""
	}
	for i := 0; i < len(s); {
		if !utf8.FullRuneInString(s[i:]) {
			w.partial = s[i:]
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w.rune(r, s[i:i+size])
		i += size
	}
	return w.out.String()
}

// Close flushes what is held back at the end of the text: an unfinished
// marker is text, trailing whitespace is dropped.
func (w *rewriter) Close() string {
	w.out.Reset()
	if w.pending != nil {
		w.literal(string(w.pending))
		w.pending = nil
	}
	if w.partial != "" {
		w.literal(w.partial)
		w.partial = ""
	}
	w.ws = w.ws[:0]
	return w.out.String()
}

// Sources returns the cited source numbers (1-based, as in the prompt) in
// order of first use; answer marker [k] refers to Sources()[k-1].
func (w *rewriter) Sources() []int { return w.order }

func (w *rewriter) rune(r rune, raw string) {
	if w.pending == nil {
		w.neutral(r, raw)
		return
	}
	if len(w.pending)+len(raw) > maxMarkerBytes {
		w.abort(r, raw)
		return
	}
	switch w.marker.step(r) {
	case markerMore:
		w.pending = append(w.pending, raw...)
	case markerDone:
		w.pending = append(w.pending, raw...)
		w.resolve()
	case markerBroken:
		w.abort(r, raw)
	}
}

// neutral handles a rune outside any marker.
func (w *rewriter) neutral(r rune, raw string) {
	switch {
	case r == '[':
		w.pending = append(make([]byte, 0, 8), '[')
		w.restart = false
		w.marker = markerParse{}
	case unicode.IsSpace(r):
		if w.started && !w.skipWS {
			w.ws = append(w.ws, raw...)
		}
	default:
		w.literal(raw)
	}
}

// literal writes text that is not a marker, after any held whitespace.
func (w *rewriter) literal(s string) {
	w.out.Write(w.ws)
	w.ws = w.ws[:0]
	w.skipWS = false
	w.out.WriteString(s)
	w.started = true
}

// abort turns the unfinished marker into text and handles r afresh; a '['
// that breaks a marker starts the next one.
func (w *rewriter) abort(r rune, raw string) {
	w.literal(string(w.pending))
	w.pending = nil
	w.neutral(r, raw)
	if r == '[' {
		w.restart = true
	}
}

// resolve replaces a complete marker by the answer's markers for its valid
// sources, or removes it.
func (w *rewriter) resolve() {
	pending, restart := w.pending, w.restart
	w.pending, w.restart = nil, false
	var valid []int
	named := 0
	for _, it := range w.marker.items {
		lo, hi := it[0], it[1]
		if lo > hi {
			lo, hi = hi, lo
		}
		named += hi - lo + 1
		if lo < 1 || hi > w.n || hi-lo+1 > maxCitedNumbers {
			continue // a single number or a range that is not all sources
		}
		for s := lo; s <= hi; s++ {
			if !containsInt(valid, s) {
				valid = append(valid, s)
			}
		}
	}
	if named > maxCitedNumbers {
		valid = nil
	}
	if len(valid) == 0 || w.remove {
		switch {
		case restart:
			// "[1" is already out: keep "[9]" as "(9)" so nothing joins it.
			w.literal("(" + string(pending[1:len(pending)-1]) + ")")
		case strings.ContainsRune(string(w.ws), '\n'):
			w.skipWS = true // keep the line break before the marker
		default:
			w.ws = w.ws[:0] // "claim [9]." becomes "claim."
		}
		return
	}
	var b strings.Builder
	for _, s := range valid {
		k, ok := w.renum[s]
		if !ok {
			w.order = append(w.order, s)
			k = len(w.order)
			w.renum[s] = k
		}
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(k))
		b.WriteByte(']')
	}
	w.literal(b.String())
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

type markerStatus int

const (
	markerMore markerStatus = iota
	markerDone
	markerBroken
)

type markerState int

const (
	stOpen  markerState = iota // after '[' or a separator: want a number
	stNum                      // in a number
	stAfter                    // after a number: want a separator, dash or ']'
)

// markerParse recognises the inside of a citation marker, one rune at a
// time, after the opening '['.
type markerParse struct {
	st        markerState
	num       int
	digits    int
	inRange   bool // the number being read ends a range
	lo        int  // start of that range
	single    int  // last number read, not yet known to start a range
	hasSingle bool
	items     [][2]int
}

func (m *markerParse) step(r rune) markerStatus {
	switch m.st {
	case stOpen:
		switch {
		case unicode.IsSpace(r):
			return markerMore
		case r >= '0' && r <= '9':
			m.st, m.num, m.digits = stNum, int(r-'0'), 1
			return markerMore
		}
		return markerBroken
	case stNum:
		if r >= '0' && r <= '9' {
			if m.digits == maxMarkerDigits {
				return markerBroken
			}
			m.num = m.num*10 + int(r-'0')
			m.digits++
			return markerMore
		}
		if m.inRange {
			m.items = append(m.items, [2]int{m.lo, m.num})
			m.inRange = false
		} else {
			m.single, m.hasSingle = m.num, true
		}
		m.st = stAfter
		return m.after(r)
	case stAfter:
		return m.after(r)
	}
	return markerBroken
}

func (m *markerParse) after(r rune) markerStatus {
	switch {
	case unicode.IsSpace(r):
		return markerMore
	case r == ',' || r == ';':
		m.commitSingle()
		m.st = stOpen
		return markerMore
	case r == '-' || r == '–' || r == '—':
		if !m.hasSingle {
			return markerBroken // "[1-2-3]"
		}
		m.lo, m.hasSingle, m.inRange = m.single, false, true
		m.st = stOpen
		return markerMore
	case r == ']':
		m.commitSingle()
		return markerDone
	}
	return markerBroken
}

func (m *markerParse) commitSingle() {
	if m.hasSingle {
		m.items = append(m.items, [2]int{m.single, m.single})
		m.hasSingle = false
	}
}

// rewriteCitations rewrites a whole model answer for n sources and returns
// the text and the cited source numbers in order of first use.
func rewriteCitations(text string, n int) (string, []int) {
	w := newRewriter(n)
	out := w.Write(text) + w.Close()
	return out, w.Sources()
}

// stripCitations removes every citation marker from text, as in earlier
// answers whose numbers no longer refer to the current sources.
func stripCitations(text string) string {
	w := newRewriter(0)
	w.remove = true
	return w.Write(text) + w.Close()
}

// markerNumbers returns the answer markers [k] of a rewritten text, in
// order, for k in 1..n.
func markerNumbers(text string, n int) []int {
	var nums []int
	i := 0
	for {
		j := strings.IndexByte(text[i:], '[')
		if j < 0 {
			return nums
		}
		i += j + 1
		end := i
		for end < len(text) && end-i < 3 && text[end] >= '0' && text[end] <= '9' {
			end++
		}
		if end > i && end < len(text) && text[end] == ']' {
			if k, err := strconv.Atoi(text[i:end]); err == nil && k >= 1 && k <= n {
				nums = append(nums, k)
			}
		}
	}
}
