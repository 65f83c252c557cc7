package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway close codes after which reconnecting cannot help.
const (
	CloseAuthenticationFailed = 4004
	CloseInvalidShard         = 4010
	CloseShardingRequired     = 4011
	CloseInvalidAPIVersion    = 4012
	CloseInvalidIntents       = 4013
	CloseDisallowedIntents    = 4014
)

// GatewayError is Discord closing the gateway for good: a rejected token
// (4004), a bad shard (4010, 4011), API version (4012) or intents (4013,
// 4014). Run returns it; reconnecting would only be refused again.
type GatewayError struct {
	Code   int
	Reason string
}

func (e *GatewayError) Error() string {
	return fmt.Sprintf("bot: Discord closed the gateway connection with code %d (%s)", e.Code, e.Reason)
}

// fatalClose reports whether a gateway close code rules out reconnecting.
func fatalClose(code int) bool {
	return code == CloseAuthenticationFailed || (code >= CloseInvalidShard && code <= CloseDisallowedIntents)
}

// asGatewayError returns the GatewayError err stands for, or nil when err
// is not a fatal close.
func asGatewayError(err error) *GatewayError {
	var ce *websocket.CloseError
	if errors.As(err, &ce) && fatalClose(ce.Code) {
		return &GatewayError{Code: ce.Code, Reason: ce.Text}
	}
	return nil
}

// onDisconnect wakes supervise; it never blocks the gateway goroutine.
func (b *Bot) onDisconnect(_ *discordgo.Session, _ *discordgo.Disconnect) {
	select {
	case b.disconnected <- struct{}{}:
	default:
	}
}

// onInvalidSession waits, on discordgo's gateway goroutine, before it
// identifies again after an op 9: Discord asks for 1 to 5 s, and
// discordgo would identify at once. The wait ends early when Run's
// context ends or Run returns.
func (b *Bot) onInvalidSession(stop, runDone <-chan struct{}) {
	d := b.identifyAgain()
	b.log.Info("Discord invalidated the session; identifying again", slog.Duration("after", d))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-stop:
	case <-runDone:
	}
}

// reconnectBackoff is the wait before the n-th reconnect attempt: at once,
// then 1 s, 2 s, 4 s… up to a minute.
func reconnectBackoff(n int, base time.Duration) time.Duration {
	if n == 0 {
		return 0
	}
	return min(base<<min(n-1, 6), time.Minute)
}

// supervise keeps the gateway connected until ctx ends: after a drop it
// reconnects (resuming the session when Discord allows) with backoff. A
// fatal close code ends it with a *GatewayError. discordgo reports a drop
// without its close code, so a fatal code is recognised when Discord
// repeats it in answer to the RESUME or IDENTIFY.
func (b *Bot) supervise(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-b.disconnected:
		}
		b.log.Warn("gateway connection lost; reconnecting")
		for n := 0; ; n++ {
			t := time.NewTimer(reconnectBackoff(n, b.retryBase))
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			}
			err := b.session.Open()
			if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
				b.log.Info("reconnected to Discord", slog.Int("attempt", n+1))
				break
			}
			if ge := asGatewayError(err); ge != nil {
				return ge
			}
			b.log.Warn("reconnecting to Discord failed", slog.Int("attempt", n+1), b.secrets.errAttr(err))
		}
	}
}

// registerAttempts bounds the tries to register the slash commands.
const registerAttempts = 6

// register installs the slash commands (retrying server errors and rate
// limits with backoff while the bot keeps serving), then removes the copies
// left in the other scope: global ones when registering in a guild, the
// guild's when registering globally.
func (b *Bot) register(ctx context.Context) {
	_, appID := b.identity()
	var cmds []*discordgo.ApplicationCommand
	err := b.retry(ctx, registerAttempts, func() error {
		var err error
		cmds, err = b.session.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, commands(), discordgo.WithContext(ctx))
		return err
	})
	if err != nil {
		if ctx.Err() == nil {
			b.log.Error("could not register the slash commands; mentions and DMs still work", b.secrets.errAttr(err))
		}
		return
	}
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild " + b.cfg.GuildID
	}
	botID, _ := b.identity()
	b.log.Info("connected to Discord",
		slog.String("bot_id", botID), slog.String("app_id", appID),
		slog.Int("commands", len(cmds)), slog.String("scope", scope))
	b.removeStaleCommands(ctx, appID)
}

// removeStaleCommands clears the command set of the scope not in use, so
// the picker shows each command once. Globally registered bots clear the
// guilds they were in at READY, up to maxCleanGuilds of them.
func (b *Bot) removeStaleCommands(ctx context.Context, appID string) {
	var scopes []string
	if b.cfg.GuildID != "" {
		scopes = []string{""}
	} else {
		st := b.session.State
		st.RLock()
		for i, g := range st.Guilds {
			if i == maxCleanGuilds {
				break
			}
			scopes = append(scopes, g.ID)
		}
		st.RUnlock()
	}
	for _, guild := range scopes {
		if ctx.Err() != nil {
			return
		}
		old, err := b.session.ApplicationCommands(appID, guild, discordgo.WithContext(ctx))
		if err != nil || len(old) == 0 {
			continue
		}
		if _, err := b.session.ApplicationCommandBulkOverwrite(appID, guild, []*discordgo.ApplicationCommand{}, discordgo.WithContext(ctx)); err != nil {
			b.log.Warn("could not remove stale slash commands", slog.String("guild_id", guild), b.secrets.errAttr(err))
			continue
		}
		b.log.Info("removed stale slash commands", slog.String("guild_id", guild), slog.Int("commands", len(old)))
	}
}

// maxCleanGuilds bounds the guilds a globally registered bot checks for
// stale guild commands at start-up.
const maxCleanGuilds = 10

// retry runs f up to attempts times while it fails with a server error,
// a rate limit or a transport error, waiting retryBase, then twice as long
// each time. Client errors (4xx) are returned at once.
func (b *Bot) retry(ctx context.Context, attempts int, f func() error) error {
	var err error
	for n := 0; n < attempts; n++ {
		if n > 0 {
			t := time.NewTimer(b.retryBase << (n - 1))
			select {
			case <-ctx.Done():
				t.Stop()
				return errors.Join(err, context.Cause(ctx))
			case <-t.C:
			}
		}
		if err = f(); err == nil || !retryable(err) {
			return err
		}
		b.log.Warn("Discord request failed; retrying", slog.Int("attempt", n+1), b.secrets.errAttr(err))
	}
	return err
}

// retryable reports whether a REST error may pass on its own: a 5xx or
// 429 status, or no response at all.
func retryable(err error) bool {
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		if re.Response == nil {
			return true
		}
		return re.Response.StatusCode >= http.StatusInternalServerError || re.Response.StatusCode == http.StatusTooManyRequests
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}
