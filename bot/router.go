package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// interactionHandler handles one interaction. A returned error is logged and
// shown to the user: a userError's text, or a short apology.
type interactionHandler func(ctx context.Context, r *interactionRequest) error

// router maps interactions to handlers: slash commands and their
// autocompletion by command name, button presses by custom id prefix.
type router struct {
	commands     map[string]interactionHandler
	autocomplete map[string]interactionHandler
	components   map[string]interactionHandler
}

func newRouter() *router {
	return &router{
		commands:     make(map[string]interactionHandler),
		autocomplete: make(map[string]interactionHandler),
		components:   make(map[string]interactionHandler),
	}
}

func (rt *router) command(name string, h interactionHandler)     { rt.commands[name] = h }
func (rt *router) completion(name string, h interactionHandler)  { rt.autocomplete[name] = h }
func (rt *router) component(prefix string, h interactionHandler) { rt.components[prefix] = h }

// route finds the handler for an interaction and a name for logs.
func (rt *router) route(i *discordgo.Interaction) (string, interactionHandler) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		name := i.ApplicationCommandData().Name
		if h, ok := rt.commands[name]; ok {
			return "/" + name, h
		}
		return "/" + name, unknownInteraction
	case discordgo.InteractionApplicationCommandAutocomplete:
		name := i.ApplicationCommandData().Name
		if h, ok := rt.autocomplete[name]; ok {
			return "/" + name + " autocomplete", h
		}
		return "/" + name + " autocomplete", emptyCompletion
	case discordgo.InteractionMessageComponent:
		id := i.MessageComponentData().CustomID
		for prefix, h := range rt.components {
			if strings.HasPrefix(id, prefix) {
				return "button " + prefix, h
			}
		}
		return "button", staleComponent
	default:
		return fmt.Sprintf("interaction type %d", i.Type), unknownInteraction
	}
}

func unknownInteraction(context.Context, *interactionRequest) error {
	return userErrorf("I don't know that command any more; Discord may still be updating its list.")
}

func emptyCompletion(_ context.Context, r *interactionRequest) error {
	return r.autocomplete(nil)
}

func staleComponent(context.Context, *interactionRequest) error {
	return userErrorf("This button no longer works. Run the command again.")
}

// onInteraction starts a tracked goroutine per interaction, so the gateway
// keeps reading while it is answered. Its work is bounded by the
// interaction's life (the token dies after 15 minutes). While the bot
// drains, interactions get a "restarting" notice instead.
func (b *Bot) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic.Interaction == nil {
		return
	}
	defer b.recoverEvent("INTERACTION_CREATE")
	i := ic.Interaction
	b.spawn(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, b.interactionLife)
		defer cancel()
		r := &interactionRequest{bot: b, i: i}
		name, h := b.router.route(i)
		attrs := []slog.Attr{
			slog.String("event", "interaction"),
			slog.String("handler", name),
			slog.String("interaction_id", i.ID),
			slog.String("user_id", r.userID()),
			slog.String("guild_id", i.GuildID),
			slog.String("channel_id", i.ChannelID),
		}
		okLevel := slog.LevelInfo
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			okLevel = slog.LevelDebug // one per keystroke
		}
		b.serve(ctx, okLevel, attrs, func(ctx context.Context) error { return h(ctx, r) }, r.fail)
	}, func(context.Context) {
		r := &interactionRequest{bot: b, i: i}
		var err error
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			err = r.autocomplete(nil)
		} else {
			err = r.notice(restartingNotice)
		}
		if err != nil {
			b.log.Warn("could not tell the user the bot is restarting", slog.String("interaction_id", i.ID), b.secrets.errAttr(err))
		}
	})
}

// restartingNotice answers interactions that arrive while the bot drains.
const restartingNotice = "citebot is restarting; ask again in a moment."

// recoverEvent keeps a panic in an event's synchronous part from taking
// down the gateway goroutine.
func (b *Bot) recoverEvent(event string) {
	if v := recover(); v != nil {
		b.log.Error("event handler panicked", slog.String("event", event),
			slog.String("panic", b.secrets.String(fmt.Sprint(v))), slog.String("stack", string(debug.Stack())))
	}
}

// serve is the middleware every handler runs in: it recovers panics, logs
// the outcome with structured fields (success at okLevel), and on error lets
// fail tell the user.
func (b *Bot) serve(ctx context.Context, okLevel slog.Level, attrs []slog.Attr, h func(context.Context) error, fail func(error)) {
	start := time.Now()
	err := recovered(func() error { return h(ctx) })
	attrs = append(attrs, slog.Duration("took", time.Since(start)))
	if err == nil {
		b.log.LogAttrs(ctx, okLevel, "handled", attrs...)
		return
	}
	var ue *userError
	var pe *panicError
	switch {
	case errors.As(err, &ue):
		b.log.LogAttrs(ctx, slog.LevelInfo, "refused", append(attrs, slog.String("reason", ue.msg))...)
	case errors.As(err, &pe):
		b.log.LogAttrs(ctx, slog.LevelError, "handler panicked",
			append(attrs, slog.String("panic", b.secrets.String(fmt.Sprint(pe.value))), slog.String("stack", string(pe.stack)))...)
	default:
		b.log.LogAttrs(ctx, slog.LevelError, "handler failed", append(attrs, b.secrets.errAttr(err))...)
	}
	if ferr := recovered(func() error { fail(err); return nil }); ferr != nil {
		b.log.LogAttrs(ctx, slog.LevelError, "error reply panicked", append(attrs, b.secrets.errAttr(ferr))...)
	}
}

// recovered runs f and turns a panic into a *panicError.
func recovered(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v, stack: debug.Stack()}
		}
	}()
	return f()
}

// panicError is a recovered panic.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// userError is a refusal or failure the user should read as is: a limit, a
// malformed button, an unknown passage id.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

func userErrorf(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...)}
}

// userMessage is what the user reads about err.
func userMessage(err error) string {
	var ue *userError
	switch {
	case errors.As(err, &ue):
		return ue.msg
	case errors.Is(err, context.DeadlineExceeded):
		return "Sorry, that took too long to answer. Please try again, perhaps with a narrower question."
	case errors.Is(err, context.Canceled):
		return restartingNotice
	default:
		return "Sorry, something went wrong on my side while answering. It has been logged; please try again."
	}
}
