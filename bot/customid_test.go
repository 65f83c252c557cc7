package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTimelineID(t *testing.T) {
	tests := []struct {
		q    TimelineQuery
		page int
		id   string
	}{
		{TimelineQuery{}, 0, "tl1:::::"},
		{TimelineQuery{Year: 1992}, 2, "tl1:2:1992:::"},
		{TimelineQuery{From: 1990, To: 2000, Topic: "oil"}, 1, "tl1:1::1990:2000:oil"},
		{TimelineQuery{From: -206, Topic: "Han: dynasty"}, 0, "tl1:::-206::Han: dynasty"},
		{TimelineQuery{Topic: "Қазақстан"}, 3, "tl1:3::::Қазақстан"},
	}
	for _, tt := range tests {
		id, err := encodeTimelineID(tt.q, tt.page)
		if err != nil || id != tt.id {
			t.Errorf("encode(%+v, %d) = %q, %v; want %q", tt.q, tt.page, id, err, tt.id)
			continue
		}
		q, page, err := parseTimelineID(id)
		if err != nil || q != tt.q || page != tt.page {
			t.Errorf("parse(%q) = %+v, %d, %v", id, q, page, err)
		}
	}
}

func TestParseTimelineIDRejects(t *testing.T) {
	for _, id := range []string{
		"", "tl1:", "tl1::::", "tl0:::::", "tl1:x::::", "tl1:0::::", "tl1:01::::", "tl1:+1::::",
		"tl1:-1::::", "tl1:10000::::", "tl1::100000:::", "tl1::0:::", "tl1:::::  padded ",
		"tl1:::::\x00", "tl1:::::\xff", "tl1:::::" + strings.Repeat("a", 93),
	} {
		if q, page, err := parseTimelineID(id); err == nil {
			t.Errorf("parse(%q) = %+v, %d; want an error", id, q, page)
		}
	}
}

func TestEncodeTimelineIDTooLong(t *testing.T) {
	if _, err := encodeTimelineID(TimelineQuery{Topic: strings.Repeat("a", 100)}, 1); err == nil {
		t.Error("a topic of 100 characters fits in a custom id")
	}
	id, err := encodeTimelineID(TimelineQuery{Year: minYear, Topic: strings.Repeat("я", maxTopicRunes)}, maxPage)
	if err != nil || utf8.RuneCountInString(id) > maxCustomIDRunes {
		t.Errorf("the longest query a user can give does not fit: %q, %v", id, err)
	}
}

func FuzzParseCustomID(f *testing.F) {
	for _, s := range []string{"tl1:::::", "tl1:2:1992:::", "tl1:1::1990:2000:oil", "tl1:::-206::a:b", "tl1:x", "other:1", "tl1:1:1:1:1:\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		q, page, err := parseTimelineID(id)
		if err != nil {
			return
		}
		// Accepted ids are canonical: encoding gives them back exactly.
		again, err := encodeTimelineID(q, page)
		if err != nil {
			t.Fatalf("parse(%q) = %+v, %d, but encoding fails: %v", id, q, page, err)
		}
		if again != id {
			t.Fatalf("parse(%q) then encode = %q", id, again)
		}
		if utf8.RuneCountInString(id) > maxCustomIDRunes || page < 0 || page > maxPage {
			t.Fatalf("accepted out-of-bounds id %q", id)
		}
	})
}

func FuzzEncodeTimelineID(f *testing.F) {
	f.Add(1992, 0, 0, "", 0)
	f.Add(0, -206, 751, "Tang: dynasty", 3)
	f.Fuzz(func(t *testing.T, year, from, to int, topic string, page int) {
		q := TimelineQuery{Year: year, From: from, To: to, Topic: topic}
		id, err := encodeTimelineID(q, page)
		if err != nil {
			return
		}
		got, gotPage, err := parseTimelineID(id)
		if err != nil || got != q || gotPage != page {
			t.Fatalf("encode(%+v, %d) = %q parses to %+v, %d, %v", q, page, id, got, gotPage, err)
		}
	})
}
