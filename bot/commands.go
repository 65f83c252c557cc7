package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/internal/answer"
)

// askMessageCommand is the message context-menu command (Apps → Ask
// citebot) that takes the selected message's text as the question.
const askMessageCommand = "Ask citebot"

// maxTopicRunes caps the /timeline topic, leaving room for it in button ids.
const maxTopicRunes = 50

// commands is the slash command set, registered by bulk overwrite.
func commands() []*discordgo.ApplicationCommand {
	lowest, highest := float64(minYear), float64(maxYear)
	contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	year := func(name, desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionInteger, Name: name, Description: desc,
			MinValue: &lowest, MaxValue: highest,
		}
	}
	return []*discordgo.ApplicationCommand{
		{
			Name: "ask", Description: "Ask a question; the answer cites its sources", Contexts: &contexts,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MaxLength: maxQuestionRunes},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer to you only"},
			},
		},
		{
			Name: "timeline", Description: "Dated events from the corpus, in order", Contexts: &contexts,
			Options: []*discordgo.ApplicationCommandOption{
				year("year", "Events of this year (206 BC is -206)"),
				year("from", "Events from this year on"),
				year("to", "Events up to this year"),
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "A topic or name", Autocomplete: true, MaxLength: maxTopicRunes},
			},
		},
		{
			Name: "source", Description: "Show a cited passage in full", Contexts: &contexts,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "id", Description: "Passage id, as cited", Required: true, Autocomplete: true, MaxLength: maxChoiceRunes},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "public", Description: "Show the passage to everyone (else to you only)"},
			},
		},
		{Name: "help", Description: "What citebot knows and how to ask", Contexts: &contexts},
		{Name: askMessageCommand, Type: discordgo.MessageApplicationCommand, Contexts: &contexts},
	}
}

// routes wires the handlers.
func (b *Bot) routes() *router {
	rt := newRouter()
	rt.command("ask", b.handleAsk)
	rt.command("timeline", b.handleTimeline)
	rt.command("source", b.handleSource)
	rt.command("help", b.handleHelp)
	rt.command(askMessageCommand, b.handleAskMessage)
	rt.completion("timeline", b.completeTimeline)
	rt.completion("source", b.completeSource)
	rt.component(timelineIDPrefix, b.handleTimelinePage)
	rt.component(feedbackIDPrefix, b.handleVote)
	rt.component(sourcesMenuID, b.handleSourcesMenu)
	rt.component(publishIDPrefix, b.handlePublish)
	return rt
}

// checkQuestion refuses empty and over-long questions.
func checkQuestion(q string) error {
	if q == "" {
		return userErrorf("Ask me a question, for example: when was the treaty signed?")
	}
	if n := utf8.RuneCountInString(q); n > maxQuestionRunes {
		return userErrorf("That question is %d characters long; the limit is %d. Please shorten it.", n, maxQuestionRunes)
	}
	return nil
}

// admit takes a rate-limit token for user and an answer slot, or a place
// in the queue for one, or decides on the notice to give instead.
func (b *Bot) admit(user string) admission {
	if ok, wait, notify := b.limiter.allow(user); !ok {
		b.observe(Event{Kind: EventRefused, Reason: RefusedRateLimited})
		return admission{notice: fmt.Sprintf("You're asking faster than I can keep up (%d questions a minute). Try again in %d s.",
			b.cfg.RatePerMinute, roundUpSeconds(wait)), notify: notify}
	}
	if release, ok := b.tryAcquire(); ok {
		return admission{release: release}
	}
	if ahead, ok := b.queue.join(); ok {
		return admission{queued: &ticket{bot: b, ahead: ahead}}
	}
	b.observe(Event{Kind: EventRefused, Reason: RefusedBusy})
	return admission{notice: "I'm busy answering other questions and my queue is full. Please try again in a moment.", notify: true}
}

// handleAsk answers /ask: a deferred reply at once, then an edit with the
// answer (streamed when the backend streams).
func (b *Bot) handleAsk(ctx context.Context, r *interactionRequest) error {
	opts := r.options()
	return b.answerInteraction(ctx, r, ViaSlash, strings.TrimSpace(opts.string("question")), opts.bool("private"))
}

// handleAskMessage answers "Ask citebot" on a message: its text is the
// question, and the answer is shown to the asker only.
func (b *Bot) handleAskMessage(ctx context.Context, r *interactionRequest) error {
	data := r.i.ApplicationCommandData()
	var question string
	if data.Resolved != nil {
		if m := data.Resolved.Messages[data.TargetID]; m != nil {
			botID, _ := b.identity()
			question = stripMention(m.Content, botID)
		}
	}
	if question == "" {
		return userErrorf("That message has no text to ask about.")
	}
	return b.answerInteraction(ctx, r, ViaContextMenu, question, true)
}

// answerInteraction answers a question asked by an interaction: a deferred
// reply at once, then an edit with the answer (streamed when the backend
// streams), under it the feedback buttons and the Sources menu.
func (b *Bot) answerInteraction(ctx context.Context, r *interactionRequest, via, question string, private bool) error {
	start := time.Now()
	if err := checkQuestion(question); err != nil {
		return err
	}
	adm := b.admit(r.userID())
	if adm.refused() {
		return r.notice(adm.notice)
	}
	if err := r.deferReply(private); err != nil {
		if adm.queued != nil {
			adm.queued.cancel()
		}
		return err
	}
	release := adm.release
	if adm.queued != nil {
		if err := r.edit(renderQueued(adm.queued.ahead), nil); err != nil {
			b.log.Warn("could not show the queue position", slog.String("interaction_id", r.i.ID), b.secrets.errAttr(err))
		}
		wctx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
		var err error
		release, err = adm.queued.wait(wctx)
		cancel()
		if err != nil {
			return err
		}
	}
	defer release()

	if err := b.waitReadyWithin(ctx, b.cfg.AnswerTimeout); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
	defer cancel()
	st := b.newStreamer(func(text string) error {
		return r.edit(renderPreviewEmbed(question, text), nil)
	})
	defer st.stop()
	a, err := b.backend.Ask(ctx, question, nil, st.write)
	st.stop()
	if err != nil {
		b.answered(ctx, ViaSlash, start, a, err)
		return fmt.Errorf("answer: %w", err)
	}
	st.waitTurn(ctx)
	msg, err := r.finalEdit(ctx, renderAnswerEmbeds(question, a), answerComponents(r.i.ID, a, private))
	b.answered(ctx, via, start, a, err)
	if err != nil {
		return err
	}
	// A reply to the answer carries this turn, as for answers by message.
	b.convs.put([]answer.Turn{turnOf(question, a)}, msg.ID)
	b.recordAnswer(ctx, r.i.ID, question, a, r.i.GuildID, r.i.ChannelID)
	return nil
}

// timelineQuery reads and checks /timeline's options.
func timelineQuery(opts options) (TimelineQuery, error) {
	q := TimelineQuery{Year: opts.int("year"), From: opts.int("from"), To: opts.int("to"), Topic: strings.TrimSpace(opts.string("topic"))}
	switch {
	case q.Year != 0 && (q.From != 0 || q.To != 0):
		return q, userErrorf("Give either `year`, or `from` and `to`, not both.")
	case q.From != 0 && q.To != 0 && q.From > q.To:
		return q, userErrorf("`from` (%d) is after `to` (%d).", q.From, q.To)
	case utf8.RuneCountInString(q.Topic) > maxTopicRunes:
		return q, userErrorf("Topics are at most %d characters.", maxTopicRunes)
	case !validTopic(q.Topic):
		return q, userErrorf("That topic has characters I can't use.")
	}
	return q, nil
}

// handleTimeline answers /timeline with the first page of events.
func (b *Bot) handleTimeline(ctx context.Context, r *interactionRequest) error {
	q, err := timelineQuery(r.options())
	if err != nil {
		return err
	}
	if err := r.deferThenReady(ctx, deferredMessage); err != nil {
		return err
	}
	events, err := b.backend.Timeline(ctx, q)
	if err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	embeds, components := renderTimeline(q, events, 0)
	if chart := b.timelineChart(q, events); chart != nil {
		showChart(embeds)
		alt := fmt.Sprintf("Chart of %d dated events on a time axis", min(len(events), maxChartEvents))
		return r.editWithFile(embeds, components, timelineFile, alt, chart)
	}
	return r.send(embeds, components, false)
}

// handleTimelinePage turns a timeline page on a Previous/Next press: it
// acknowledges at once (type 6), since finding the events may embed the
// topic with a remote model, then edits the message in place.
func (b *Bot) handleTimelinePage(ctx context.Context, r *interactionRequest) error {
	q, page, err := parseTimelineID(r.i.MessageComponentData().CustomID)
	if err != nil {
		return userErrorf("This button is out of date. Run /timeline again.")
	}
	if err := r.deferThenReady(ctx, deferredUpdate); err != nil {
		return err
	}
	events, err := b.backend.Timeline(ctx, q)
	if err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	if page >= timelinePages(len(events)) {
		return userErrorf("That page is gone; the timeline has changed since. Run /timeline again.")
	}
	embeds, components := renderTimeline(q, events, page)
	if hasChart(r.i.Message) {
		showChart(embeds) // the attachment stays with the message
	}
	return r.update(embeds, components)
}

// completeTimeline suggests topics for /timeline.
func (b *Bot) completeTimeline(_ context.Context, r *interactionRequest) error {
	name, value := r.options().focused()
	if name != "topic" || !b.isReady() {
		return r.autocomplete(nil)
	}
	return r.autocomplete(b.backend.Topics(strings.TrimSpace(value), maxChoices))
}

// completeSource suggests passages for /source, labelled with their id
// and first words; the value is the id.
func (b *Bot) completeSource(_ context.Context, r *interactionRequest) error {
	name, value := r.options().focused()
	if name != "id" || !b.isReady() {
		return r.autocomplete(nil)
	}
	ids := b.backend.PassageIDs(strings.TrimSpace(value), maxChoices)
	labelled := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(ids))
	for _, id := range ids {
		if id == "" || utf8.RuneCountInString(id) > maxChoiceRunes {
			continue
		}
		label := id
		if p, ok := b.backend.Passage(id); ok {
			if words := oneLine(p.IndexText()); words != "" {
				label = truncateRunes(id+" — "+words, maxChoiceRunes)
			}
		}
		labelled = append(labelled, &discordgo.ApplicationCommandOptionChoice{Name: label, Value: id})
	}
	return r.autocompleteChoices(labelled)
}

// handleSource shows a passage in full, to the asker only unless public.
func (b *Bot) handleSource(ctx context.Context, r *interactionRequest) error {
	opts := r.options()
	id := strings.TrimSpace(opts.string("id"))
	private := !opts.bool("public")
	if !b.isReady() {
		if err := r.deferReply(private); err != nil {
			return err
		}
		if err := b.waitReady(ctx); err != nil {
			return err
		}
	}
	p, ok := b.backend.Passage(id)
	if !ok {
		return userErrorf("No passage has the id `%s`. Pick one of the suggestions while typing, or copy an id from an answer's sources.",
			strings.ReplaceAll(truncateRunes(id, maxChoiceRunes), "`", "'"))
	}
	return r.send(renderSource(p), nil, private)
}

// handleHelp says what the bot knows and how to ask, to the asker only.
func (b *Bot) handleHelp(_ context.Context, r *interactionRequest) error {
	botID, _ := b.identity()
	return r.send(renderHelp(b.backend.Info(), b.isReady(), botID), nil, true)
}
