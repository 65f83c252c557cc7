package bot

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/internal/answer"
)

// EventKind says what an Event reports.
type EventKind int

// What the bot reports to Config.Observe.
const (
	// EventAnswered: a question was answered (or failed); Via, Took,
	// Abstained, Backend, Cited and Failed are set.
	EventAnswered EventKind = iota + 1
	// EventRefused: a question was turned away before it was answered;
	// Via and Reason ("rate_limited" or "busy") are set.
	EventRefused
	// EventFeedback: a user voted on an answer; Vote is "up" or "down".
	EventFeedback
	// EventRESTRateLimited: Discord answered a REST request with 429.
	EventRESTRateLimited
	// EventConnected: the gateway session is ready (READY or RESUMED).
	// Reconnect is true for every connection after the first.
	EventConnected
	// EventDisconnected: the gateway connection dropped or was closed.
	EventDisconnected
)

// Entry points of a question, as Event.Via names them.
const (
	ViaDM      = viaDM
	ViaMention = viaMention
	ViaReply   = viaReply
	ViaThread  = viaThread
	ViaChannel = viaChannel
	ViaSlash   = "slash"
	// ViaContextMenu is the "Ask citebot" message menu.
	ViaContextMenu = "context_menu"
)

// Reasons of an EventRefused.
const (
	RefusedRateLimited = "rate_limited"
	RefusedBusy        = "busy"
)

// Event is one thing the bot did, for metrics. It never carries the
// question's text, a user's id or the token.
type Event struct {
	Kind EventKind
	// Via is the question's entry point (ViaDM, ViaSlash…).
	Via string
	// Took is the time from receiving the question to the answer sent.
	Took      time.Duration
	Abstained bool
	// Backend is the answer's backend, e.g. "extractive (fallback: openai timeout)".
	Backend string
	// Cited are the ids of the passages the answer cites.
	Cited []string
	// Failed is true when no answer could be given (an error).
	Failed    bool
	Reason    string
	Vote      string
	Reconnect bool
}

// Load is how busy the bot is, for gauges.
type Load struct {
	// InFlight is the answers being composed; Capacity bounds them.
	InFlight, Capacity int
	// Queued is the questions waiting for an answer slot.
	Queued int
}

// Load reports how busy the bot is now.
func (b *Bot) Load() Load {
	return Load{InFlight: len(b.inFlight), Capacity: cap(b.inFlight), Queued: b.queue.len()}
}

// observe hands e to Config.Observe, if any.
func (b *Bot) observe(e Event) {
	if b.cfg.Observe != nil {
		b.cfg.Observe(e)
	}
}

// answered reports and logs, in one line, a question's outcome: entry
// point, time taken, backend, abstention and cited ids — never the text.
func (b *Bot) answered(ctx context.Context, via string, start time.Time, a answer.Answer, err error) {
	e := Event{Kind: EventAnswered, Via: via, Took: time.Since(start), Failed: err != nil}
	if err == nil {
		e.Abstained, e.Backend = a.Abstained, a.Backend
		for _, c := range a.Citations {
			e.Cited = append(e.Cited, c.ID)
		}
	}
	b.observe(e)
	if err != nil {
		return // serve logs the failure
	}
	b.log.LogAttrs(ctx, slog.LevelInfo, "answered",
		slog.String("via", via), slog.Duration("took", e.Took), slog.String("backend", e.Backend),
		slog.Bool("abstained", e.Abstained), slog.Any("cited", e.Cited))
}

// observeSession reports gateway connections and REST 429s: it wraps the
// session's HTTP transport and adds event handlers. New calls it once.
func (b *Bot) observeSession() {
	b.session.Client.Transport = statusObserver{next: b.session.Client.Transport, on429: func() {
		b.observe(Event{Kind: EventRESTRateLimited})
	}}
	var mu sync.Mutex
	connected := false
	b.session.AddHandler(func(*discordgo.Session, *discordgo.Connect) {
		mu.Lock()
		again := connected
		connected = true
		mu.Unlock()
		b.observe(Event{Kind: EventConnected, Reconnect: again})
	})
	b.session.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		b.observe(Event{Kind: EventDisconnected})
	})
}

// statusObserver calls on429 for each response with status 429.
type statusObserver struct {
	next  http.RoundTripper
	on429 func()
}

var _ http.RoundTripper = statusObserver{}

func (t statusObserver) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		t.on429()
	}
	return resp, err
}
