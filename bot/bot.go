// Package bot serves citebot on Discord: it answers questions asked by
// mention, in DMs or in listened channels, and the /ask, /timeline, /source and
// /help slash commands, with cited answers rendered for Discord's limits.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
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
	DefaultDrain         = 20 * time.Second
)

const (
	// restTimeout bounds one REST request.
	restTimeout = 20 * time.Second
	// interactionLife is how long the bot works on an interaction: its
	// token lives 15 minutes, less a margin for the last edit.
	interactionLife = 14*time.Minute + 30*time.Second
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
	// (instant updates, for development) and removes the global copies;
	// otherwise they are global.
	GuildID string
	// Channels lists channel ids where every message is taken as a
	// question, without a mention. Only this needs the privileged Message
	// Content intent; without channels the bot does not ask for it.
	Channels []string
	// RatePerMinute is how many questions one user may ask a minute
	// (default 5).
	RatePerMinute int
	// MaxInFlight bounds the answers being composed at once (default 8);
	// questions beyond it wait in the queue.
	MaxInFlight int
	// QueueSize bounds the questions waiting for an answer slot (default
	// 32; negative: none wait). A waiting user sees "queued (n ahead)";
	// only a question that finds the queue full is refused.
	QueueSize int
	// StreamEvery is the least time between two edits of a streamed
	// answer (default 1.5s).
	StreamEvery time.Duration
	// APIURL is the Discord REST base URL (default
	// "https://discord.com/api/v9/"). The bot's HTTP client sends
	// discordgo's requests there; discordgo's global endpoint variables are
	// never written.
	APIURL string
	// Logger receives structured logs (default slog.Default()).
	Logger *slog.Logger
	// Ready, when not nil, is closed once the backend can answer (the index
	// is loaded). Interactions that arrive earlier are still acknowledged
	// within Discord's deadline and answered when Ready closes, or told the
	// documents are still loading when their wait runs out.
	Ready <-chan struct{}
	// AnswerTimeout bounds one answer (default 2 minutes).
	AnswerTimeout time.Duration
	// Drain bounds how long Run lets answers in progress finish after its
	// context ends (default 20 s).
	Drain time.Duration
	// ShardID and ShardCount select one shard of a sharded bot: Discord
	// sends this process only the events of guilds with
	// (guild_id >> 22) % ShardCount == ShardID, and DMs to shard 0.
	// ShardCount 0 or 1 means no sharding.
	ShardID, ShardCount int
	// Observe, when not nil, is called with what the bot does (questions,
	// refusals, reconnects, Discord's 429s), for metrics. It must not block.
	Observe func(Event)
	// Threads makes the answer to a new question asked in a channel start
	// a public thread named after the question, where follow-ups need no
	// mention. It asks for the Message Content intent, as thread messages
	// without a mention carry no text otherwise.
	Threads bool
	// Feedback, when not nil, records every answer and the 👍/👎 votes on
	// them. Its failures are logged and never keep an answer from the user.
	Feedback FeedbackStore
}

// Bot is a Discord session that answers questions from a Backend.
type Bot struct {
	cfg      Config
	backend  Backend
	log      *slog.Logger
	session  *discordgo.Session
	router   *router
	limiter  *rateLimiter
	inFlight chan struct{}
	queue    *waitQueue
	convs    *conversations
	listened map[string]bool
	threads  *threadSet // threads the bot started, and threads under listened channels
	secrets  redactor

	// Timings, fields so tests can shorten them.
	interactionLife time.Duration        // how long an interaction's token lives, less a margin
	retryBase       time.Duration        // first wait before retrying a failed REST call
	typingEvery     time.Duration        // renews the typing indicator, shown for 10 s
	identifyAgain   func() time.Duration // wait after an op 9 before identifying again
	recordTimeout   time.Duration        // bounds one feedback write

	disconnected chan struct{} // signalled by the Disconnect event

	mu          sync.Mutex
	running     bool
	closing     bool // draining: no new questions
	closed      bool // the session is closing: nothing new at all
	handlerCtx  context.Context
	stopHandles context.CancelFunc
	botID       string
	appID       string
	handlers    tracker        // answers and notices in progress
	background  sync.WaitGroup // registration
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
	if cfg.QueueSize == 0 {
		cfg.QueueSize = DefaultQueue
	}
	if cfg.StreamEvery <= 0 {
		cfg.StreamEvery = DefaultStreamEvery
	}
	if cfg.AnswerTimeout <= 0 {
		cfg.AnswerTimeout = 2 * time.Minute
	}
	if cfg.Drain <= 0 {
		cfg.Drain = DefaultDrain
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if cfg.ShardCount > 1 && (cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount) {
		return nil, fmt.Errorf("bot: shard %d/%d: the shard id must be from 0 to %d", cfg.ShardID, cfg.ShardCount, cfg.ShardCount-1)
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
	session.Client = &http.Client{Timeout: restTimeout, Transport: newRewriteTransport(api, http.DefaultTransport)}
	// Run owns reconnection: discordgo's own loop retries fatal close codes
	// forever and outlives Close.
	session.ShouldReconnectOnError = false
	session.SyncEvents = true
	// Informational lines are logged at debug level; one of them is the
	// only hook before discordgo answers an op 9 (see onInvalidSession).
	session.LogLevel = discordgo.LogInformational
	if cfg.ShardCount > 1 {
		session.ShardID, session.ShardCount = cfg.ShardID, cfg.ShardCount
	}

	b := &Bot{
		cfg:             cfg,
		backend:         backend,
		log:             cfg.Logger.With(slog.String("component", "discord")),
		session:         session,
		limiter:         newRateLimiter(cfg.RatePerMinute, time.Minute, time.Now),
		inFlight:        make(chan struct{}, cfg.MaxInFlight),
		queue:           &waitQueue{max: max(cfg.QueueSize, 0)},
		convs:           newConversations(maxConversations, maxHistoryTurns),
		listened:        make(map[string]bool, len(cfg.Channels)),
		threads:         newThreadSet(maxConversations),
		secrets:         redactor{secrets: []string{token}},
		interactionLife: interactionLife,
		retryBase:       time.Second,
		typingEvery:     8 * time.Second,
		recordTimeout:   recordTimeout,
		identifyAgain:   func() time.Duration { return time.Second + rand.N(4*time.Second) },
		disconnected:    make(chan struct{}, 1),
	}
	for _, c := range cfg.Channels {
		if c = strings.TrimSpace(c); c != "" {
			b.listened[c] = true
		}
	}
	session.Identify.Intents = intents(len(b.listened) > 0 || cfg.Threads)
	b.router = b.routes()
	session.AddHandler(b.onReady)
	session.AddHandler(b.onInteraction)
	session.AddHandler(b.onMessage)
	session.AddHandler(b.onDisconnect)
	b.observeSession()
	session.AddHandler(b.onThreadCreate)
	return b, nil
}

// intents are the gateway intents the bot asks for: guilds, guild messages
// and DMs, plus the privileged Message Content intent only when it listens
// in channels without a mention (mentions, replies to the bot, DMs and
// interactions carry their content without it), and when it answers
// follow-ups in threads without a mention.
func intents(listens bool) discordgo.Intent {
	i := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if listens {
		i |= discordgo.IntentsMessageContent
	}
	return i
}

// NeedsMessageContent reports whether the bot asks for the privileged
// Message Content intent (it does when it listens in channels).
func (b *Bot) NeedsMessageContent() bool {
	return b.session.Identify.Intents&discordgo.IntentsMessageContent != 0
}

// Run connects to Discord, registers the slash commands and answers until
// ctx is done or Discord closes the gateway for good; then it drains (no
// new questions, answers in progress finish within Config.Drain) and closes
// the session. Dropped connections are resumed. It returns nil after a
// clean shutdown, and a *GatewayError when Discord refused the bot.
func (b *Bot) Run(ctx context.Context) error {
	b.mu.Lock()
	if b.running {
		b.mu.Unlock()
		return errors.New("bot: Run called twice")
	}
	b.running = true
	// Answers outlive ctx: on shutdown they get Config.Drain to finish.
	b.handlerCtx, b.stopHandles = context.WithCancel(context.WithoutCancel(ctx))
	b.mu.Unlock()
	defer b.stopHandles()

	runDone := make(chan struct{})
	defer close(runDone)
	routeDiscordgoLogs(b.log, b.secrets, func() { b.onInvalidSession(ctx.Done(), runDone) })

	b.log.Info("connecting to Discord", slog.String("api", b.cfg.APIURL),
		slog.Bool("message_content_intent", b.NeedsMessageContent()),
		slog.Int("shard", b.cfg.ShardID), slog.Int("shards", max(b.cfg.ShardCount, 1)))
	if err := b.session.Open(); err != nil {
		if ge := asGatewayError(err); ge != nil {
			return ge
		}
		return fmt.Errorf("bot: open Discord gateway: %w", b.secrets.wrap(err))
	}
	regCtx, stopRegistering := context.WithCancel(ctx)
	b.background.Add(1)
	go func() {
		defer b.background.Done()
		b.register(regCtx)
	}()

	err := b.supervise(ctx)
	stopRegistering()
	reason := "fatal gateway close"
	if err == nil {
		reason = context.Cause(ctx).Error()
	}
	b.log.Info("shutting down", slog.String("reason", reason))
	b.shutdown()
	b.background.Wait()
	return err
}

// shutdown stops taking questions, lets handlers in progress finish within
// Config.Drain (interactions that arrive meanwhile are told the bot is
// restarting), then cancels the rest and closes the gateway connection.
func (b *Bot) shutdown() {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	if !b.handlers.idleWithin(b.cfg.Drain) {
		b.log.Warn("answers still running at the end of the drain; cancelling them", slog.Duration("drain", b.cfg.Drain))
		b.stopHandles()
		if !b.handlers.idleWithin(5 * time.Second) {
			b.log.Warn("handlers still running after cancellation")
		}
	}
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	if err := b.session.Close(); err != nil {
		b.log.Warn("closing Discord session", slog.String("err", b.secrets.String(err.Error())))
	}
}

// tracker counts work in progress. Unlike a sync.WaitGroup it may gain
// work while someone waits for it to be idle, as during a drain, when
// late interactions still get their notice.
type tracker struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0; nil while n is 0
}

func (t *tracker) add() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		t.idle = make(chan struct{})
	}
	t.n++
}

func (t *tracker) done() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n--; t.n == 0 {
		close(t.idle)
		t.idle = nil
	}
}

// idleWithin waits up to d for no work to be in progress and reports
// whether that happened.
func (t *tracker) idleWithin(d time.Duration) bool {
	t.mu.Lock()
	idle := t.idle
	t.mu.Unlock()
	if idle == nil {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-idle:
		return true
	case <-timer.C:
		return false
	}
}

// spawn runs f on a tracked goroutine with the handlers' context, which
// outlives Run's context by the drain. While draining it runs draining
// instead (when not nil), to tell the user; once the session closes it runs
// nothing.
func (b *Bot) spawn(f, draining func(ctx context.Context)) {
	b.mu.Lock()
	if b.closed || b.handlerCtx == nil || (b.closing && draining == nil) {
		b.mu.Unlock()
		return
	}
	if b.closing {
		f = draining
	}
	ctx := b.handlerCtx
	b.handlers.add()
	b.mu.Unlock()
	go func() {
		defer b.handlers.done()
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

// errStillLoading is what a question gets when the index did not load in
// time for it.
var errStillLoading = userErrorf("I'm still loading the documents — try again in a minute.")

// waitReady blocks until the backend is ready or ctx ends. When ctx runs
// out while the index loads, it says so rather than blaming the question.
func (b *Bot) waitReady(ctx context.Context) error {
	if b.cfg.Ready == nil {
		return nil
	}
	select {
	case <-b.cfg.Ready:
		return nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return errStillLoading
		}
		return context.Cause(ctx)
	}
}

// waitReadyWithin is waitReady bounded by d as well as ctx.
func (b *Bot) waitReadyWithin(ctx context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return b.waitReady(ctx)
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
