package bot

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Timeline button custom ids carry the whole query, so a press needs no
// server-side state and survives restarts:
//
//	tl1:<page>:<year>:<from>:<to>:<topic>
//
// Numbers are canonical decimal and 0 is written as nothing, so
// "tl1:2:1992:::" is page 2 of the events of 1992 and "tl1:1::1990:2000:oil"
// page 1 of 1990–2000 about oil. The topic is last and may contain ':'.
// Discord caps custom ids at 100 characters.
const (
	timelineIDPrefix = "tl1:"
	maxCustomIDRunes = 100
	maxPage          = 9999
)

var (
	errMalformedID = errors.New("malformed button id")
	errIDTooLong   = errors.New("button id over 100 characters")
)

// encodeTimelineID encodes a timeline query and page as a button custom id.
func encodeTimelineID(q TimelineQuery, page int) (string, error) {
	if page < 0 || page > maxPage || outOfRange(q.Year) || outOfRange(q.From) || outOfRange(q.To) {
		return "", errMalformedID
	}
	if !validTopic(q.Topic) {
		return "", errMalformedID
	}
	var b strings.Builder
	b.WriteString(timelineIDPrefix)
	for _, n := range [...]int{page, q.Year, q.From, q.To} {
		if n != 0 {
			b.WriteString(strconv.Itoa(n))
		}
		b.WriteByte(':')
	}
	b.WriteString(q.Topic)
	id := b.String()
	if utf8.RuneCountInString(id) > maxCustomIDRunes {
		return "", errIDTooLong
	}
	return id, nil
}

// parseTimelineID decodes a custom id made by encodeTimelineID. It accepts
// only the canonical form, so parse and encode are exact inverses.
func parseTimelineID(id string) (TimelineQuery, int, error) {
	rest, ok := strings.CutPrefix(id, timelineIDPrefix)
	if !ok || utf8.RuneCountInString(id) > maxCustomIDRunes {
		return TimelineQuery{}, 0, errMalformedID
	}
	parts := strings.SplitN(rest, ":", 5)
	if len(parts) != 5 {
		return TimelineQuery{}, 0, errMalformedID
	}
	var nums [4]int
	for i, p := range parts[:4] {
		n, ok := parseCanonicalInt(p)
		if !ok {
			return TimelineQuery{}, 0, errMalformedID
		}
		nums[i] = n
	}
	page := nums[0]
	q := TimelineQuery{Year: nums[1], From: nums[2], To: nums[3], Topic: parts[4]}
	if page < 0 || page > maxPage || outOfRange(q.Year) || outOfRange(q.From) || outOfRange(q.To) || !validTopic(q.Topic) {
		return TimelineQuery{}, 0, errMalformedID
	}
	return q, page, nil
}

// parseCanonicalInt parses "" as 0 and otherwise only the form strconv.Itoa
// produces for a non-zero number.
func parseCanonicalInt(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	if len(s) > 7 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n == 0 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

func outOfRange(year int) bool { return year < minYear || year > maxYear }

// validTopic accepts printable UTF-8 without surrounding spaces.
func validTopic(t string) bool {
	if !utf8.ValidString(t) || strings.TrimSpace(t) != t {
		return false
	}
	for _, r := range t {
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}
