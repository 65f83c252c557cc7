package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/feedback"
	"github.com/citebot/citebot/retrieval"
)

// press dispatches a button press or a select menu choice on a message.
func (h *harness) press(customID string, values []string, userID string) sent {
	h.tb.Helper()
	return h.interact("interaction_component", func(p map[string]any) {
		set(p, "data.custom_id", customID)
		if values != nil {
			set(p, "data.component_type", 3)
			vs := make([]any, len(values))
			for i, v := range values {
				vs[i] = v
			}
			set(p, "data.values", vs)
		}
		set(p, "member.user.id", userID)
	})
}

// componentIDs lists the custom ids of a message payload's components,
// row by row.
func componentIDs(body map[string]any) []string {
	var ids []string
	for r := 0; r < 5; r++ {
		for c := 0; c < 5; c++ {
			if id := str(body, fmt.Sprintf("components.%d.components.%d.custom_id", r, c)); id != "" {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// waitReport polls the feedback store until ok accepts its report.
func waitReport(t *testing.T, st *feedback.Store, ok func(feedback.Report) bool) feedback.Report {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		r, err := st.Report(context.Background(), time.Time{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if ok(r) || time.Now().After(deadline) {
			return r
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFeedback(t *testing.T) {
	t.Parallel()
	st, err := feedback.Open(context.Background(), filepath.Join(t.TempDir(), feedback.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fb := newFakeBackend()
	// An answer citing 30 passages: the sources list shows some, the menu
	// 25, among them ones hidden behind "… and n more".
	var many []answer.Citation
	for n := 1; n <= 30; n++ {
		p := corpus.Passage{
			ID: fmt.Sprintf("a/long/folder/name/document-%02d.txt#%d", n, n), Source: fmt.Sprintf("a/long/folder/name/document-%02d.txt", n),
			Title: fmt.Sprintf("Document %d", n), Text: fmt.Sprintf("Passage %d says something long enough to quote. ", n) + strings.Repeat("More words. ", 20),
		}
		fb.passages[p.ID] = p
		many = append(many, answer.Citation{N: n, Hit: retrieval.Hit{Passage: p}})
	}
	fb.ask = func(_ context.Context, q string, _ []answer.Turn, _ func(string)) (answer.Answer, error) {
		if strings.Contains(q, "many") {
			a := cannedAnswer()
			a.Citations = many
			return a, nil
		}
		if strings.Contains(q, "unknown") {
			return answer.Answer{Abstained: true, Backend: "extractive"}, nil
		}
		if strings.Contains(q, "nearly") {
			return answer.Answer{Text: "The documents don't say.", Abstained: true, Backend: "extractive",
				Closest: []answer.Citation{{Hit: retrieval.Hit{Passage: recognitionPassage}, Quote: "the two countries established diplomatic relations"}}}, nil
		}
		return cannedAnswer(), nil
	}
	var seen events
	h := startBot(t, Config{Feedback: st, Observe: seen.observe}, fb)

	s := h.interact("interaction_ask", nil)
	h.callback(s)
	edit := h.editOriginal(s, nil).Map()
	ids := componentIDs(edit)
	if want := []string{"fb1:u:" + s.id, "fb1:d:" + s.id, "src1"}; !slices.Equal(ids, want) {
		t.Fatalf("/ask answer components = %v, want %v", ids, want)
	}
	if dig(edit, "components.0.components.0.emoji.name") != "👍" || dig(edit, "components.0.components.1.emoji.name") != "👎" {
		t.Errorf("buttons = %v", dig(edit, "components.0"))
	}

	t.Run("a 👎 press is acknowledged at once and recorded; a second press changes it", func(t *testing.T) {
		p := h.press("fb1:d:"+s.id, nil, "930000000000000501")
		cb := h.callback(p)
		if d := cb.At.Sub(p.at); d > 500*time.Millisecond {
			t.Errorf("acknowledged after %v, want within 500ms", d)
		}
		if num(cb.Map(), "type") != 4 || int(num(cb.Map(), "data.flags"))&64 == 0 {
			t.Errorf("callback = %s, want an ephemeral thanks", cb.Body)
		}
		r := waitReport(t, st, func(r feedback.Report) bool { return r.Down == 1 && r.Answers >= 1 })
		if r.Down != 1 || len(r.Downvoted) != 1 || r.Downvoted[0].Question != "When did China recognise Kazakhstan?" ||
			!slices.Equal(r.Downvoted[0].Citations, []string{recognitionPassage.ID}) || r.Downvoted[0].Backend != "extractive" {
			t.Fatalf("report = %+v", r)
		}
		h.callback(h.press("fb1:u:"+s.id, nil, "930000000000000501"))
		r = waitReport(t, st, func(r feedback.Report) bool { return r.Up == 1 })
		if r.Up != 1 || r.Down != 0 {
			t.Errorf("after the second press: %d up, %d down; want 1, 0", r.Up, r.Down)
		}
		// Both presses reach the metrics.
		seen.waitFor(t, "down vote", func(e Event) bool { return e.Kind == EventFeedback && e.Vote == "down" })
		seen.waitFor(t, "up vote", func(e Event) bool { return e.Kind == EventFeedback && e.Vote == "up" })
	})

	t.Run("a malformed vote button is refused and records nothing", func(t *testing.T) {
		before, _ := st.Report(context.Background(), time.Time{}, 10)
		for _, id := range []string{"fb1:x:" + s.id, "fb1:d:not-an-id", "fb1:d:"} {
			cb := h.callback(h.press(id, nil, "930000000000000506")).Map()
			if !strings.Contains(str(cb, "data.content"), "out of date") {
				t.Errorf("%q: %v", id, cb)
			}
		}
		h.idle()
		if after, _ := st.Report(context.Background(), time.Time{}, 10); after.Up+after.Down != before.Up+before.Down {
			t.Errorf("malformed presses recorded votes: %+v", after)
		}
	})

	t.Run("an abstention is recorded as an unanswered question", func(t *testing.T) {
		m := h.message(func(p map[string]any) {
			p["content"] = "<@900000000000000001> something unknown?"
			set(p, "author.id", "930000000000000502")
		})
		reply := h.replyTo(m).Map()
		if ids := componentIDs(reply); !slices.Equal(ids, []string{"fb1:u:" + m.id, "fb1:d:" + m.id}) {
			t.Errorf("message answer components = %v", ids)
		}
		r := waitReport(t, st, func(r feedback.Report) bool { return len(r.Unanswered) == 1 })
		if len(r.Unanswered) != 1 || r.Unanswered[0].Question != "something unknown?" {
			t.Errorf("unanswered = %+v", r.Unanswered)
		}
	})

	t.Run("a refusal lists the closest passages, which its menu opens", func(t *testing.T) {
		m := h.message(func(p map[string]any) {
			p["content"] = "<@900000000000000001> something nearly answered?"
			set(p, "author.id", "930000000000000505")
		})
		reply := h.replyTo(m).Map()
		content := str(reply, "content")
		if !strings.Contains(content, closestHeading) || !strings.Contains(content, "• `"+recognitionPassage.ID+"`") ||
			!strings.Contains(content, "“the two countries established diplomatic relations”") || strings.Contains(content, sourcesHeading) {
			t.Errorf("reply = %q, want the closest passage at its sentence", content)
		}
		if ids := componentIDs(reply); !slices.Equal(ids, []string{"fb1:u:" + m.id, "fb1:d:" + m.id, "src1"}) {
			t.Fatalf("components = %v, want the votes and a menu", ids)
		}
		if ph, label := str(reply, "components.1.components.0.placeholder"), str(reply, "components.1.components.0.options.0.label"); ph != "Closest passages" || strings.HasPrefix(label, "[") {
			t.Errorf("menu placeholder %q, label %q: want \"Closest passages\" and no citation number", ph, label)
		}
		cb := h.callback(h.press("src1", []string{recognitionPassage.ID}, "930000000000000505")).Map()
		if str(cb, "data.embeds.0.title") != recognitionPassage.ID {
			t.Errorf("shown passage = %v", dig(cb, "data.embeds"))
		}
	})

	t.Run("the Sources menu shows a source hidden behind … and n more", func(t *testing.T) {
		s := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "data.options.0.value", "many sources please")
			set(p, "member.user.id", "930000000000000503")
		})
		h.callback(s)
		edit := h.editOriginal(s, nil).Map()
		sources := str(edit, "embeds.1.description")
		if !strings.Contains(sources, "more") {
			t.Fatalf("sources list = %q, want some hidden", sources)
		}
		opts, _ := dig(edit, "components.1.components.0.options").([]any)
		if len(opts) != maxSourceOptions {
			t.Fatalf("menu has %d options, want %d", len(opts), maxSourceOptions)
		}
		hidden := ""
		for i := range opts {
			if v := str(opts, fmt.Sprintf("%d.value", i)); !strings.Contains(sources, v) {
				hidden = v
				break
			}
		}
		if hidden == "" {
			t.Fatal("every menu option is in the sources list")
		}
		cb := h.callback(h.press("src1", []string{hidden}, "930000000000000504")).Map()
		if num(cb, "type") != 4 || int(num(cb, "data.flags"))&64 == 0 {
			t.Fatalf("callback = %v, want an ephemeral message", cb)
		}
		if !strings.Contains(str(cb, "data.embeds.0.description"), "says something long enough") || str(cb, "data.embeds.0.title") != hidden {
			t.Errorf("shown source = %v", dig(cb, "data.embeds"))
		}
	})
}

// brokenStore fails or hangs every write.
type brokenStore struct{ hang bool }

func (b brokenStore) RecordAnswer(ctx context.Context, _ feedback.Answer) error { return b.fail(ctx) }
func (b brokenStore) RecordVote(ctx context.Context, _ feedback.Vote) error     { return b.fail(ctx) }
func (b brokenStore) fail(ctx context.Context) error {
	if b.hang {
		<-ctx.Done()
		return ctx.Err()
	}
	return errors.New("attempt to write a readonly database")
}

// TestFeedbackStoreDownAnswersStillDelivered: a store that fails or hangs
// (a read-only folder, a locked file) costs the user nothing.
func TestFeedbackStoreDownAnswersStillDelivered(t *testing.T) {
	for _, hang := range []bool{false, true} {
		t.Run(fmt.Sprintf("hang=%v", hang), func(t *testing.T) {
			t.Parallel()
			h := startBotWith(t, Config{Feedback: brokenStore{hang: hang}}, nil, setup{bot: func(b *Bot) { b.recordTimeout = 700 * time.Millisecond }})
			s := h.interact("interaction_ask", nil)
			h.callback(s)
			if edit := h.editOriginal(s, nil); edit.At.Sub(s.at) > 500*time.Millisecond {
				t.Errorf("/ask answered after %v: the record held it up", edit.At.Sub(s.at))
			}
			m := h.message(nil)
			if reply := h.replyTo(m); reply.At.Sub(m.at) > 500*time.Millisecond {
				t.Errorf("message answered after %v: the record held it up", reply.At.Sub(m.at))
			}
			p := h.press("fb1:d:"+s.id, nil, "930000000000000505")
			if cb := h.callback(p); cb.At.Sub(p.at) > 500*time.Millisecond {
				t.Errorf("vote acknowledged after %v", cb.At.Sub(p.at))
			}
			h.idle()
			if !strings.Contains(h.logs.String(), "could not record") {
				t.Errorf("the failed writes were not logged")
			}
		})
	}
}
