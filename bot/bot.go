// Package bot serves citebot on Discord: it answers questions asked by
// mention, in DMs or in listened channels, and the /ask, /timeline, /source and
// /help slash commands, with cited answers rendered for Discord's limits.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
)

// ErrNoToken is returned by New when Config.Token is empty.
var ErrNoToken = errors.New("bot: no Discord bot token (set DISCORD_TOKEN)")

// Defaults applied by New to zero Config fields.
const (
	DefaultRatePerMinute = 5
	DefaultMaxInFlight   = 8
	DefaultStreamEvery   = 1500 * time.Millisecond
	DefaultAPIURL        = "https://discord.com/api/v9/"
)

// Info describes what the bot knows, for /help.
type Info struct {
	CorpusName string
	Passages   int
	Events     int
	// Backend names the answering backend, e.g. "extractive" or "openai:gpt-4o-mini".
	Backend string
}

// TimelineQuery selects timeline events. Years use historical numbering
// (206 BC is -206) and there is no year 0, so 0 means "unset" in every field.
type TimelineQuery struct {
	// Year keeps events overlapping that single year.
	Year int
	// From and To keep events overlapping the inclusive year range; either
	// end may be 0 for an open range.
	From, To int
	// Topic keeps events about a topic or name; empty means any.
	Topic string
}

// Backend is what the bot asks for answers, events and passages.
type Backend interface {
	// Ask answers a question given earlier turns (oldest first). When the
	// backend can stream, it calls stream with successive pieces of the
	// answer text; stream may be called from another goroutine.
	Ask(ctx context.Context, question string, history []answer.Turn, stream func(chunk string)) (answer.Answer, error)
	// Timeline returns the events matching q in chronological order.
	Timeline(ctx context.Context, q TimelineQuery) ([]corpus.Event, error)
	// Passage returns the passage with the given id.
	Passage(id string) (corpus.Passage, bool)
	// PassageIDs returns up to limit passage ids starting with prefix, for
	// /source autocomplete.
	PassageIDs(prefix string, limit int) []string
	// Topics returns up to limit frequent topics and names starting with
	// prefix, for /timeline autocomplete.
	Topics(prefix string, limit int) []string
	// Info describes the corpus and the answering backend.
	Info() Info
}

// Config configures a Bot. Zero fields take the documented defaults.
type Config struct {
	// Token is the bot token from the developer portal, with or without
	// the "Bot " prefix. It never appears in logs or errors.
	Token string
	// GuildID, when set, registers the slash commands in that guild only
	// (instant updates, for development); otherwise they are global.
	GuildID string
	// Channels lists channel ids where every message is taken as a
	// question, without a mention.
	Channels []string
	// RatePerMinute is how many questions one user may ask a minute
	// (default 5).
	RatePerMinute int
	// MaxInFlight bounds the answers being composed at once (default 8);
	// questions beyond it get a "busy" notice.
	MaxInFlight int
	// StreamEvery is the least time between two edits of a streamed
	// answer (default 1.5s).
	StreamEvery time.Duration
	// APIURL is the Discord REST base URL (default
	// "https://discord.com/api/v9/"). All of discordgo's endpoint variables
	// are derived from it when Run starts; they are process-global, so all
	// bots of a process share one API URL.
	APIURL string
	// Logger receives structured logs (default slog.Default()).
	Logger *slog.Logger
	// Ready, when not nil, is closed once the backend can answer (the index
	// is loaded). Interactions that arrive earlier are still acknowledged
	// within Discord's deadline and answered when Ready closes.
	Ready <-chan struct{}
	// AnswerTimeout bounds one answer (default 2 minutes).
	AnswerTimeout time.Duration
}

// Bot is a Discord session that answers questions from a Backend.
type Bot struct {
	cfg      Config
	backend  Backend
	log      *slog.Logger
	api      endpointBase
	session  *discordgo.Session
	router   *router
	limiter  *rateLimiter
	inFlight chan struct{}
	convs    *conversations
	listened map[string]bool
	secrets  redactor

	mu       sync.Mutex
	running  bool
	closing  bool
	runCtx   context.Context
	botID    string
	appID    string
	handlers sync.WaitGroup
}

// New validates cfg, applies defaults and prepares a Bot; it does no I/O.
// A missing token yields ErrNoToken.
func New(cfg Config, backend Backend) (*Bot, error) {
	fields := strings.Fields(cfg.Token)
	if len(fields) > 0 && fields[0] == "Bot" {
		fields = fields[1:]
	}
	token := strings.Join(fields, "")
	if token == "" {
		return nil, ErrNoToken
	}
	if backend == nil {
		return nil, errors.New("bot: no backend")
	}
	if cfg.RatePerMinute <= 0 {
		cfg.RatePerMinute = DefaultRatePerMinute
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = DefaultMaxInFlight
	}
	if cfg.StreamEvery <= 0 {
		cfg.StreamEvery = DefaultStreamEvery
	}
	if cfg.AnswerTimeout <= 0 {
		cfg.AnswerTimeout = 2 * time.Minute
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	api, err := parseAPIURL(cfg.APIURL)
	if err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}

	session, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, fmt.Errorf("bot: create session: %w", err)
	}
	session.Identify.Intents = discordgo.IntentsGuilds |
		discordgo.IntentsGuildMessages |
		discordgo.IntentsDirectMessages |
		discordgo.IntentsMessageContent
	// Handlers only classify the event and start a goroutine of their own,
	// which the Bot tracks so Run can wait for it on shutdown.
	session.SyncEvents = true
	session.LogLevel = discordgo.LogWarning

	b := &Bot{
		cfg:      cfg,
		backend:  backend,
		log:      cfg.Logger.With(slog.String("component", "discord")),
		api:      api,
		session:  session,
		limiter:  newRateLimiter(cfg.RatePerMinute, time.Minute, time.Now),
		inFlight: make(chan struct{}, cfg.MaxInFlight),
		convs:    newConversations(maxConversations, maxHistoryTurns),
		listened: make(map[string]bool, len(cfg.Channels)),
		secrets:  redactor{secrets: []string{token}},
	}
	for _, c := range cfg.Channels {
		if c = strings.TrimSpace(c); c != "" {
			b.listened[c] = true
		}
	}
	b.router = b.routes()
	session.AddHandler(b.onReady)
	session.AddHandler(b.onInteraction)
	session.AddHandler(b.onMessage)
	return b, nil
}

// Run connects to Discord, registers the slash commands and answers until
// ctx is done; then it waits briefly for answers in progress and closes the
// session. It returns nil after a clean shutdown.
func (b *Bot) Run(ctx context.Context) error {
	b.mu.Lock()
	if b.running {
		b.mu.Unlock()
		return errors.New("bot: Run called twice")
	}
	b.running = true
	b.runCtx = ctx
	b.mu.Unlock()

	setEndpoints(b.api)
	routeDiscordgoLogs(b.log, b.secrets)

	b.log.Info("connecting to Discord", slog.String("api", b.api.api))
	if err := b.session.Open(); err != nil {
		return fmt.Errorf("bot: open Discord gateway: %w", b.secrets.wrap(err))
	}
	botID, appID := b.identity()
	cmds, err := b.session.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, commands())
	if err != nil {
		b.shutdown()
		return fmt.Errorf("bot: register slash commands: %w", b.secrets.wrap(err))
	}
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild " + b.cfg.GuildID
	}
	b.log.Info("connected to Discord",
		slog.String("bot_id", botID), slog.String("app_id", appID),
		slog.Int("commands", len(cmds)), slog.String("scope", scope))

	<-ctx.Done()
	b.log.Info("shutting down", slog.String("reason", context.Cause(ctx).Error()))
	b.shutdown()
	return nil
}

// shutdown stops new work, waits a bounded time for handlers in progress,
// and closes the gateway connection.
func (b *Bot) shutdown() {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() {
		b.handlers.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		b.log.Warn("handlers still running at shutdown")
	}
	if err := b.session.Close(); err != nil {
		b.log.Warn("closing Discord session", slog.String("err", b.secrets.String(err.Error())))
	}
}

// spawn runs f on a tracked goroutine with a context that ends with Run's
// context; it does nothing once shutdown has begun.
func (b *Bot) spawn(f func(ctx context.Context)) {
	b.mu.Lock()
	if b.closing || b.runCtx == nil {
		b.mu.Unlock()
		return
	}
	ctx := b.runCtx
	b.handlers.Add(1)
	b.mu.Unlock()
	go func() {
		defer b.handlers.Done()
		f(ctx)
	}()
}

// onReady records the bot's user and application ids. With SyncEvents it
// runs inside Open, before any other event is handled.
func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r.User != nil {
		b.botID = r.User.ID
	}
	if r.Application != nil && r.Application.ID != "" {
		b.appID = r.Application.ID
	} else if b.appID == "" && r.User != nil {
		b.appID = r.User.ID // for bots the application id is the user id
	}
}

func (b *Bot) identity() (botID, appID string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.botID, b.appID
}

// waitReady blocks until the backend is ready or ctx ends.
func (b *Bot) waitReady(ctx context.Context) error {
	if b.cfg.Ready == nil {
		return nil
	}
	select {
	case <-b.cfg.Ready:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// isReady reports, without blocking, whether the backend is ready.
func (b *Bot) isReady() bool {
	if b.cfg.Ready == nil {
		return true
	}
	select {
	case <-b.cfg.Ready:
		return true
	default:
		return false
	}
}
