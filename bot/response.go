package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/bwmarrin/discordgo"
)

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

// deferThenReady acknowledges the interaction at once, as a deferred reply
// (deferredMessage) or a deferred update of the button's message
// (deferredUpdate), then waits for the index within ctx, which ends with
// the interaction's life. Anything with Discord's 3 s deadline goes through
// here before it touches the index, a model or the network.
func (r *interactionRequest) deferThenReady(ctx context.Context, how responseState) error {
	var err error
	if how == deferredUpdate {
		err = r.deferUpdate()
	} else {
		err = r.deferReply(false)
	}
	if err != nil {
		return err
	}
	return r.bot.waitReady(ctx)
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
	_, err := r.editMessage(embeds, components)
	return err
}

// finalEdit is edit for an answer's last edit: server errors are retried
// (editAttempts tries in all) before the answer is given up. It returns
// the edited message.
func (r *interactionRequest) finalEdit(ctx context.Context, embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent) (*discordgo.Message, error) {
	var msg *discordgo.Message
	err := r.bot.retry(ctx, editAttempts, func() error {
		var err error
		msg, err = r.editMessage(embeds, components)
		return err
	})
	return msg, err
}

// editAttempts is how often the final edit of an answer is tried.
const editAttempts = 3

// editMessage edits @original. The request goes to a rate-limit bucket of
// its own interaction: discordgo would put every interaction's edits in one
// bucket, so one 429 would hold up every other user's answer.
func (r *interactionRequest) editMessage(embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent) (*discordgo.Message, error) {
	content := ""
	e := &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, AllowedMentions: noMentions()}
	if components != nil {
		e.Components = &components
	}
	endpoint := discordgo.EndpointWebhookMessage(r.appID(), r.i.Token, "@original")
	body, err := r.bot.session.RequestWithBucketID("PATCH", endpoint, e, r.bucket())
	if err != nil {
		return nil, fmt.Errorf("edit interaction response: %w", r.bot.secrets.wrap(err))
	}
	var msg discordgo.Message
	if err := json.Unmarshal(body, &msg); err != nil {
		return nil, fmt.Errorf("edit interaction response: decode the message: %w", err)
	}
	return &msg, nil
}

// bucket is the rate-limit bucket of this interaction's webhook requests.
func (r *interactionRequest) bucket() string {
	return discordgo.EndpointWebhookToken(r.appID(), r.i.Token)
}

// appID is the application the interaction belongs to.
func (r *interactionRequest) appID() string {
	if r.i.AppID != "" {
		return r.i.AppID
	}
	_, appID := r.bot.identity()
	return appID
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
	endpoint := discordgo.EndpointWebhookToken(r.appID(), r.i.Token)
	_, err := r.bot.session.RequestWithBucketID("POST", endpoint, &discordgo.WebhookParams{
		Content:         truncateRunes(text, maxMessageRunes),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}, r.bucket())
	if err != nil {
		return fmt.Errorf("interaction follow-up: %w", r.bot.secrets.wrap(err))
	}
	return nil
}

// autocomplete answers an autocomplete interaction with up to 25 choices.
// The payload is built here because discordgo omits an empty choices list,
// which Discord requires.
func (r *interactionRequest) autocomplete(values []string) error {
	return r.autocompleteChoices(choices(values))
}

// autocompleteChoices answers an autocomplete interaction with choices
// (at most 25, each name and value at most 100 characters).
func (r *interactionRequest) autocompleteChoices(cs []*discordgo.ApplicationCommandOptionChoice) error {
	if cs == nil {
		cs = []*discordgo.ApplicationCommandOptionChoice{}
	}
	if len(cs) > maxChoices {
		cs = cs[:maxChoices]
	}
	payload := struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		} `json:"data"`
	}{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	payload.Data.Choices = cs
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
