package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/citebot/citebot/bot"
	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/answer/llm"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/internal/feedback"
	"github.com/citebot/citebot/internal/ops"
)

type serveCmd struct {
	GuildID  string        `name:"guild" env:"CITEBOT_GUILD_ID" help:"Register the slash commands in this guild only (instant updates); else globally."`
	Channels []string      `name:"channels" env:"CITEBOT_CHANNELS" sep:"," help:"Channel ids where every message is a question, no mention needed (comma-separated)."`
	Rate     int           `name:"rate" env:"CITEBOT_RATE" default:"5" help:"Questions one user may ask a minute."`
	APIURL   string        `name:"discord-api-url" env:"CITEBOT_DISCORD_API_URL" default:"https://discord.com/api/v9/" help:"Discord REST base URL (a proxy's, or a test server's)."`
	Shard    string        `name:"shard" env:"CITEBOT_SHARD" placeholder:"I/N" help:"Run shard I of N (e.g. 0/2): Discord sends this process only its share of the guilds."`
	Drain    time.Duration `name:"drain" env:"CITEBOT_DRAIN" default:"20s" help:"On SIGINT/SIGTERM, how long answers in progress may take to finish."`
	HTTP     string        `name:"http" env:"CITEBOT_HTTP_ADDR" placeholder:"ADDR" help:"Serve /healthz, /readyz and /metrics (Prometheus) on this address, e.g. 127.0.0.1:9090; off when empty."`
	Slots    int           `name:"max-in-flight" env:"CITEBOT_MAX_IN_FLIGHT" default:"8" help:"Answers composed at once; more questions wait in the queue."`
	Queue    int           `name:"queue" env:"CITEBOT_QUEUE" default:"32" help:"Questions that may wait for an answer slot (0: none); beyond it they are refused."`
	Threads  bool          `name:"threads" env:"CITEBOT_THREADS" help:"Answer a new question asked in a channel in a public thread named after it, where follow-ups need no mention (needs the Message Content intent)."`
}

// parseShard reads "I/N" (e.g. "0/2"); empty means no sharding.
func parseShard(s string) (id, count int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	i, n, ok := strings.Cut(s, "/")
	id, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || count < 1 || id < 0 || id >= count {
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 0 <= I < N, e.g. 0/2", s)
	}
	return id, count, nil
}

// loaderGrace is how long serve waits for the index loader to stop after
// the bot has failed, before it reports the bot's error anyway.
const loaderGrace = 2 * time.Second

// Run connects to Discord and answers until SIGINT or SIGTERM. The token
// comes from DISCORD_TOKEN (environment or .env) only.
func (s *serveCmd) Run(ctx context.Context, g *globals, e env) error {
	if s.Rate < 1 {
		return usagef("--rate must be at least 1, not %d", s.Rate)
	}
	shardID, shardCount, err := parseShard(s.Shard)
	if err != nil {
		return usagef("%v", err)
	}
	if s.Slots < 1 {
		return usagef("--max-in-flight must be at least 1, not %d", s.Slots)
	}
	if s.Queue < 0 {
		return usagef("--queue must be 0 or more, not %d", s.Queue)
	}
	queue := s.Queue
	if queue == 0 {
		queue = -1 // bot.Config: negative means no queue
	}
	if s.Drain <= 0 {
		return usagef("--drain must be positive, not %v", s.Drain)
	}
	if e.logLevel != nil && !e.logLevelFixed && e.logLevel.Level() > slog.LevelInfo {
		e.logLevel.Set(slog.LevelInfo) // a server says what it does
	}
	var b *bot.Bot
	metrics := ops.NewMetrics(func() bot.Load { return b.Load() })
	notifySocket := os.Getenv("NOTIFY_SOCKET") // set by systemd for Type=notify
	health := ops.NewHealth(func() {
		e.logger.Info("ready: index loaded and Discord connected")
		if err := ops.Notify(notifySocket, "READY=1"); err != nil {
			e.logger.Warn("could not tell systemd citebot is ready", slog.String("err", err.Error()))
		}
	})
	backend := &botBackend{ready: make(chan struct{}), label: g.backendLabel(), metrics: metrics}
	store := openFeedback(ctx, g, e)
	if store != nil {
		defer store.Close()
	}
	b, err = bot.New(bot.Config{
		Token:         os.Getenv("DISCORD_TOKEN"),
		GuildID:       s.GuildID,
		Channels:      s.Channels,
		RatePerMinute: s.Rate,
		APIURL:        s.APIURL,
		Logger:        e.logger,
		Ready:         backend.ready,
		Drain:         s.Drain,
		ShardID:       shardID,
		ShardCount:    shardCount,
		Observe: func(ev bot.Event) {
			metrics.Observe(ev)
			health.Observe(ev)
		},
		Feedback:    feedbackStore(store),
		Threads:     s.Threads,
		MaxInFlight: s.Slots,
		QueueSize:   queue,
	}, backend)
	if errors.Is(err, bot.ErrNoToken) {
		return usagef("DISCORD_TOKEN is not set: put the bot token from the Discord developer portal in the environment or in .env")
	}
	if err != nil {
		return usagef("%v", err)
	}
	stop := ctx // SIGINT or SIGTERM
	if s.HTTP != "" {
		shutdown, err := serveHTTP(s.HTTP, ops.Handler(health, metrics), e.logger)
		if err != nil {
			return err
		}
		defer shutdown()
	}
	defer context.AfterFunc(stop, func() {
		health.Stopping()
		if err := ops.Notify(notifySocket, "STOPPING=1"); err != nil {
			e.logger.Warn("could not tell systemd citebot is stopping", slog.String("err", err.Error()))
		}
	})()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The session opens while the index loads, so that an interaction
	// arriving meanwhile is still acknowledged within Discord's deadline.
	opened := make(chan error, 1)
	stopWatch := make(chan func(), 1)
	defer func() {
		// A watcher started late stops with ctx.
		select {
		case stop := <-stopWatch:
			if stop != nil {
				stop()
			}
		default:
		}
	}()
	go func() {
		eng, err := g.open(ctx, e)
		if err == nil {
			backend.setEngine(eng)
			metrics.IndexLoaded(eng.Index().Len(), time.Now())
			health.IndexLoaded()
			e.logger.Info("index ready", "corpus", eng.Corpus().Name, "passages", eng.Index().Len(), "events", len(eng.Events()))
			stopWatch <- watchCorpus(ctx, g, e, eng, func(u engine.Update, err error) {
				logUpdate(e.logger, u, err)
				if err == nil {
					metrics.IndexLoaded(eng.Index().Len(), time.Now())
				}
			})
		} else {
			stopWatch <- nil
			cancel()
		}
		opened <- err
	}()
	if runErr := b.Run(ctx); runErr != nil {
		// The bot's error comes first: the loader may be stuck on a slow
		// embedder, and its error would only hide why the bot stopped.
		cancel()
		select {
		case <-opened:
		case <-time.After(loaderGrace):
		}
		return gatewayMessage(runErr, b.NeedsMessageContent())
	}
	if err := <-opened; err != nil && stop.Err() == nil {
		return err
	}
	return nil // stopped by a signal, perhaps while the index loaded
}

// serveHTTP listens on addr and serves h until shutdown is called. The
// address it listens on is logged (so that port 0 can be found).
func serveHTTP(addr string, h http.Handler, log *slog.Logger) (shutdown func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--http %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("health and metrics listener stopped", slog.String("err", err.Error()))
		}
	}()
	log.Info("serving /healthz, /readyz and /metrics", slog.String("addr", ln.Addr().String()))
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}, nil
}

// openFeedback opens the feedback database in the data folder; when it
// cannot, the bot answers without recording feedback.
func openFeedback(ctx context.Context, g *globals, e env) *feedback.Store {
	dir, err := g.dataDir()
	if err == nil {
		var st *feedback.Store
		if st, err = feedback.Open(ctx, filepath.Join(dir, feedback.FileName)); err == nil {
			return st
		}
	}
	e.logger.Warn("feedback will not be recorded", "err", err)
	return nil
}

// feedbackStore keeps a nil *feedback.Store from becoming a non-nil interface.
func feedbackStore(st *feedback.Store) bot.FeedbackStore {
	if st == nil {
		return nil
	}
	return st
}

// gatewayMessage explains a fatal gateway close for the operator.
func gatewayMessage(err error, messageContent bool) error {
	var ge *bot.GatewayError
	if !errors.As(err, &ge) {
		return err
	}
	switch ge.Code {
	case bot.CloseAuthenticationFailed:
		return fmt.Errorf("Discord rejected DISCORD_TOKEN (gateway close 4004): copy a fresh token from the developer portal (Bot → Reset Token)")
	case bot.CloseDisallowedIntents:
		why := "the bot asked for a privileged intent"
		if messageContent {
			why = "CITEBOT_CHANNELS or CITEBOT_THREADS is set, and answering messages without a mention there needs the privileged Message Content intent"
		}
		return fmt.Errorf("Discord refused the gateway intents (close 4014): %s. Turn on \"Privileged Gateway Intents → Message Content Intent\" under Bot in the developer portal, or unset CITEBOT_CHANNELS and CITEBOT_THREADS", why)
	case bot.CloseInvalidShard, bot.CloseShardingRequired:
		return fmt.Errorf("Discord refused the shard settings (close %d, %s): check CITEBOT_SHARD; bots in 2,500 or more servers must run shards", ge.Code, ge.Reason)
	default:
		return fmt.Errorf("Discord closed the gateway for good (close %d, %s)", ge.Code, ge.Reason)
	}
}

// backendLabel names the answer backend for /help, e.g. "openai:gpt-4o-mini".
func (g *globals) backendLabel() string {
	if g.LLM == "" || g.LLM == "extractive" {
		return "extractive"
	}
	model := g.LLMModel
	if model == "" {
		model = llm.DefaultModel(g.LLM)
	}
	return g.LLM + ":" + model
}

// botBackend adapts the engine to the bot. Until the engine is ready, the
// bot holds questions back (Config.Ready); lookups answer empty.
type botBackend struct {
	ready   chan struct{}
	label   string
	metrics *ops.Metrics // nil: none
	once    sync.Once
	eng     *engine.Engine
}

var _ bot.Backend = (*botBackend)(nil)

func (b *botBackend) setEngine(e *engine.Engine) {
	b.once.Do(func() { b.eng = e; close(b.ready) })
}

// engine returns the engine, or nil while it loads.
func (b *botBackend) engine() *engine.Engine {
	select {
	case <-b.ready:
		return b.eng
	default:
		return nil
	}
}

var errNotReady = errors.New("the index is still loading")

func (b *botBackend) Ask(ctx context.Context, question string, history []answer.Turn, stream func(string)) (answer.Answer, error) {
	e := b.engine()
	if e == nil {
		return answer.Answer{}, errNotReady
	}
	res, err := e.Ask(ctx, engine.Request{Question: question, History: history, Stream: stream})
	if err == nil && b.metrics != nil {
		b.metrics.ObserveStages(res.Retrieve, res.Compose)
	}
	return res.Answer, err
}

func (b *botBackend) Timeline(ctx context.Context, q bot.TimelineQuery) ([]corpus.Event, error) {
	e := b.engine()
	if e == nil {
		return nil, errNotReady
	}
	var tq engine.TimelineQuery
	tq.Topic = q.Topic
	if q.Year != 0 {
		tq.From, tq.To = &q.Year, &q.Year
	}
	if q.From != 0 {
		tq.From = &q.From
	}
	if q.To != 0 {
		tq.To = &q.To
	}
	events, err := e.Timeline(ctx, tq)
	if errors.Is(err, engine.ErrBadRange) {
		return nil, fmt.Errorf("from %d is after to %d: %w", q.From, q.To, err)
	}
	return events, err
}

func (b *botBackend) Passage(id string) (corpus.Passage, bool) {
	if e := b.engine(); e != nil {
		return e.Index().Passage(strings.TrimSpace(id))
	}
	return corpus.Passage{}, false
}

func (b *botBackend) PassageIDs(prefix string, limit int) []string {
	if e := b.engine(); e != nil {
		return e.PassageIDs(prefix, limit)
	}
	return nil
}

func (b *botBackend) Topics(prefix string, limit int) []string {
	if e := b.engine(); e != nil {
		return e.Topics(prefix, limit)
	}
	return nil
}

func (b *botBackend) Info() bot.Info {
	info := bot.Info{Backend: b.label}
	if e := b.engine(); e != nil {
		info.CorpusName = e.Corpus().Name
		info.Passages = e.Index().Len()
		info.Events = len(e.Events())
	}
	return info
}
