package bot

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// interactionTokenPath matches the interaction token in webhook and callback
// URLs, which transport errors quote: /webhooks/{app}/{token}/…,
// /interactions/{id}/{token}/callback.
var interactionTokenPath = regexp.MustCompile(`(/(?:interactions|webhooks)/[0-9]+/)[A-Za-z0-9._\-]+`)

// redactor removes secrets (the bot token, interaction tokens) from text
// bound for logs or errors.
type redactor struct {
	secrets []string
}

// String returns s with every secret replaced by "[redacted]".
func (r redactor) String(s string) string {
	for _, secret := range r.secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return interactionTokenPath.ReplaceAllString(s, "${1}[redacted]")
}

// wrap returns err with a redacted message; errors.Is and errors.As still
// see the original through Unwrap.
func (r redactor) wrap(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: r.String(err.Error()), err: err}
}

// errAttr is a log attribute for err, redacted.
func (r redactor) errAttr(err error) slog.Attr {
	return slog.String("err", r.String(err.Error()))
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// discordgoSink is where discordgo's package-level logger sends records: the
// most recently started Bot's logger, with its secrets redacted.
type discordgoSink struct {
	log     *slog.Logger
	secrets redactor
	// invalidSession, when not nil, runs on discordgo's gateway goroutine
	// right before it identifies again after an op 9 (invalid session);
	// it may wait there.
	invalidSession func()
}

// op9Identify is the line discordgo v0.29 logs, on its gateway goroutine,
// just before it answers an op 9 with a fresh IDENTIFY. discordgo offers no
// other hook; Discord asks clients to wait 1–5 s at that point.
const op9Identify = "sending identify packet to gateway in response to Op9"

var (
	currentSink     atomic.Pointer[discordgoSink]
	installLogger   sync.Once
	discordgoLevels = map[int]slog.Level{
		discordgo.LogError:         slog.LevelError,
		discordgo.LogWarning:       slog.LevelWarn,
		discordgo.LogInformational: slog.LevelDebug, // chatter: "called", "connecting"…
		discordgo.LogDebug:         slog.LevelDebug,
	}
)

// routeDiscordgoLogs sends discordgo's own log lines to log through slog,
// redacted. discordgo.Logger is process-global; it is set once and then
// follows the most recently started Bot.
func routeDiscordgoLogs(log *slog.Logger, secrets redactor, invalidSession func()) {
	currentSink.Store(&discordgoSink{log: log.With(slog.String("source", "discordgo")), secrets: secrets, invalidSession: invalidSession})
	installLogger.Do(func() {
		discordgo.Logger = func(level, _ int, format string, args ...any) {
			sink := currentSink.Load()
			if sink == nil {
				return
			}
			lvl, ok := discordgoLevels[level]
			if !ok {
				lvl = slog.LevelDebug
			}
			if sink.log.Enabled(context.Background(), lvl) {
				sink.log.Log(context.Background(), lvl, sink.secrets.String(fmt.Sprintf(format, args...)))
			}
			if format == op9Identify && sink.invalidSession != nil {
				sink.invalidSession()
			}
		}
	})
}
