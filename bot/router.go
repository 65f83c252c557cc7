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
// keeps reading while it is answered.
func (b *Bot) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic.Interaction == nil {
		return
	}
	defer b.recoverEvent("INTERACTION_CREATE")
	i := ic.Interaction
	b.spawn(func(ctx context.Context) {
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
	})
}

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
		return "citebot is restarting; please ask again in a minute."
	default:
		return "Sorry, something went wrong on my side while answering. It has been logged; please try again."
	}
}

// responseState is how far an interaction has been answered.
type responseState int

const (
	notResponded    responseState = iota
	deferredMessage               // type 5: the reply is @original, to be edited
	deferredUpdate                // type 6: the button's message is to be edited
	responded                     // type 4, 7 or 8
)

// interactionRequest is one interaction being answered; it remembers how
// far, so errors are reported in the right way.
type interactionRequest struct {
	bot   *Bot
	i     *discordgo.Interaction
	state responseState
}

// userID is the id of the user who caused the interaction.
func (r *interactionRequest) userID() string {
	if r.i.Member != nil && r.i.Member.User != nil {
		return r.i.Member.User.ID
	}
	if r.i.User != nil {
		return r.i.User.ID
	}
	return ""
}

func (r *interactionRequest) respond(typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData) error {
	if err := r.bot.session.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: typ, Data: data}); err != nil {
		return fmt.Errorf("interaction response type %d: %w", typ, r.bot.secrets.wrap(err))
	}
	switch typ {
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		r.state = deferredMessage
	case discordgo.InteractionResponseDeferredMessageUpdate:
		r.state = deferredUpdate
	default:
		r.state = responded
	}
	return nil
}

// deferReply acknowledges with "thinking…" (type 5); the answer follows as
// an edit of @original.
func (r *interactionRequest) deferReply(ephemeral bool) error {
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return r.respond(discordgo.InteractionResponseDeferredChannelMessageWithSource, data)
}

// deferUpdate acknowledges a button press (type 6); the message follows as
// an edit.
func (r *interactionRequest) deferUpdate() error {
	return r.respond(discordgo.InteractionResponseDeferredMessageUpdate, nil)
}

// send shows embeds and components: as an edit after a deferral, else as
// a reply (type 4).
func (r *interactionRequest) send(embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent, ephemeral bool) error {
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	if r.state == deferredMessage || r.state == deferredUpdate {
		return r.edit(embeds, components)
	}
	data := &discordgo.InteractionResponseData{Embeds: embeds, Components: components, AllowedMentions: noMentions()}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return r.respond(discordgo.InteractionResponseChannelMessageWithSource, data)
}

// update replaces the message a button belongs to (type 7, or an edit
// after deferUpdate).
func (r *interactionRequest) update(embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent) error {
	if r.state == deferredUpdate {
		return r.edit(embeds, components)
	}
	return r.respond(discordgo.InteractionResponseUpdateMessage, &discordgo.InteractionResponseData{
		Embeds: embeds, Components: components, AllowedMentions: noMentions(),
	})
}

// edit replaces @original, the deferred reply or the button's message.
func (r *interactionRequest) edit(embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent) error {
	content := ""
	e := &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, AllowedMentions: noMentions()}
	if components != nil {
		e.Components = &components
	}
	if _, err := r.bot.session.InteractionResponseEdit(r.i, e); err != nil {
		return fmt.Errorf("edit interaction response: %w", r.bot.secrets.wrap(err))
	}
	return nil
}

// notice answers with a short ephemeral text.
func (r *interactionRequest) notice(text string) error {
	if r.state != notResponded {
		return r.followup(text)
	}
	return r.respond(discordgo.InteractionResponseChannelMessageWithSource, &discordgo.InteractionResponseData{
		Content:         truncateRunes(text, maxMessageRunes),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	})
}

// followup sends an ephemeral follow-up message.
func (r *interactionRequest) followup(text string) error {
	_, err := r.bot.session.FollowupMessageCreate(r.i, false, &discordgo.WebhookParams{
		Content:         truncateRunes(text, maxMessageRunes),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	})
	if err != nil {
		return fmt.Errorf("interaction follow-up: %w", r.bot.secrets.wrap(err))
	}
	return nil
}

// autocomplete answers an autocomplete interaction with up to 25 choices.
// The payload is built here because discordgo omits an empty choices list,
// which Discord requires.
func (r *interactionRequest) autocomplete(values []string) error {
	payload := struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		} `json:"data"`
	}{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	payload.Data.Choices = choices(values)
	endpoint := discordgo.EndpointInteractionResponse(r.i.ID, r.i.Token)
	if _, err := r.bot.session.RequestWithBucketID("POST", endpoint, payload, endpoint); err != nil {
		return fmt.Errorf("autocomplete response: %w", r.bot.secrets.wrap(err))
	}
	r.state = responded
	return nil
}

// fail tells the user about err in the way the interaction still allows.
func (r *interactionRequest) fail(err error) {
	msg := userMessage(err)
	var ferr error
	switch {
	case r.i.Type == discordgo.InteractionApplicationCommandAutocomplete:
		if r.state == notResponded {
			ferr = r.autocomplete(nil)
		}
	case r.state == deferredMessage:
		ferr = r.edit(renderNotice(msg), []discordgo.MessageComponent{})
	default:
		ferr = r.notice(msg)
	}
	if ferr != nil {
		r.bot.log.Warn("could not report an error to the user",
			slog.String("interaction_id", r.i.ID), r.bot.secrets.errAttr(ferr))
	}
}

// options is a slash command's options by name.
type options map[string]*discordgo.ApplicationCommandInteractionDataOption

func (r *interactionRequest) options() options {
	opts := options{}
	for _, o := range r.i.ApplicationCommandData().Options {
		if o != nil {
			opts[o.Name] = o
		}
	}
	return opts
}

func (o options) string(name string) string {
	if opt, ok := o[name]; ok && opt.Type == discordgo.ApplicationCommandOptionString {
		s, _ := opt.Value.(string)
		return s
	}
	return ""
}

func (o options) int(name string) int {
	if opt, ok := o[name]; ok && opt.Type == discordgo.ApplicationCommandOptionInteger {
		if f, ok := opt.Value.(float64); ok && f >= -maxAbsYear && f <= maxAbsYear {
			return int(f)
		}
	}
	return 0
}

func (o options) bool(name string) bool {
	if opt, ok := o[name]; ok && opt.Type == discordgo.ApplicationCommandOptionBoolean {
		v, _ := opt.Value.(bool)
		return v
	}
	return false
}

// focused is the option being typed in an autocomplete interaction.
func (o options) focused() (name, value string) {
	for _, opt := range o {
		if opt.Focused {
			v, _ := opt.Value.(string)
			return opt.Name, v
		}
	}
	return "", ""
}

// choices turns values into at most 25 autocomplete choices, skipping
// empty, duplicate and over-long ones.
func choices(values []string) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(values), maxChoices))
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if len(out) == maxChoices {
			break
		}
		if v == "" || seen[v] || len([]rune(v)) > maxChoiceRunes {
			continue
		}
		seen[v] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
	}
	return out
}
