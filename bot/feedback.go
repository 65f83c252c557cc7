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
	"github.com/citebot/citebot/internal/feedback"
)

// FeedbackStore records answers and votes on them. Config.Feedback nil
// records nothing; the vote buttons still thank the user.
type FeedbackStore interface {
	RecordAnswer(ctx context.Context, a feedback.Answer) error
	RecordVote(ctx context.Context, v feedback.Vote) error
}

var _ FeedbackStore = (*feedback.Store)(nil)

// Answer component custom ids. Each carries the answer's id (the id of the
// question's message or interaction, a snowflake), so a press needs no
// memory and survives restarts:
//
//	fb1:u:<answer id>   👍
//	fb1:d:<answer id>   👎
//	src1                the Sources select menu; the values are passage ids
//	pub1:<answer id>    "Post publicly" under a private answer
const (
	feedbackIDPrefix = "fb1:"
	sourcesMenuID    = "src1"
	publishIDPrefix  = "pub1:"
)

// recordTimeout bounds one feedback write; the answer is delivered first.
const recordTimeout = 2 * time.Second

// maxSourceOptions is Discord's cap on a select menu's options.
const maxSourceOptions = 25

// answerComponents are the controls under an answer: 👍 and 👎 (plus
// "Post publicly" for a private answer), and a Sources menu when the
// answer cites passages, or a Closest passages menu when it refuses but
// says where the documents came nearest.
func answerComponents(answerID string, a answer.Answer, private bool) []discordgo.MessageComponent {
	buttons := []discordgo.MessageComponent{
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: feedbackIDPrefix + "u:" + answerID},
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: feedbackIDPrefix + "d:" + answerID},
	}
	if private {
		buttons = append(buttons, discordgo.Button{Label: "Post publicly", Style: discordgo.PrimaryButton, CustomID: publishIDPrefix + answerID})
	}
	rows := []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	menu := sourcesMenu(a.Citations, "Sources")
	if len(a.Citations) == 0 {
		// A refusal's closest passages open in full the same way.
		menu = sourcesMenu(a.Closest, "Closest passages")
	}
	if menu != nil {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{*menu}})
	}
	return rows
}

// sourcesMenu lists up to 25 passages (cited ones labelled with their
// number), all of them including those the sources list leaves out as "…
// and n more"; nil when none has an id that fits a menu value.
func sourcesMenu(cits []answer.Citation, placeholder string) *discordgo.SelectMenu {
	var opts []discordgo.SelectMenuOption
	seen := map[string]bool{}
	for _, c := range cits {
		if len(opts) == maxSourceOptions {
			break
		}
		if c.ID == "" || seen[c.ID] || utf8.RuneCountInString(c.ID) > maxChoiceRunes {
			continue
		}
		seen[c.ID] = true
		opts = append(opts, discordgo.SelectMenuOption{
			Label:       truncateRunes(menuLabel(c), maxChoiceRunes),
			Value:       c.ID,
			Description: truncateRunes(citationQuote(c), maxChoiceRunes),
		})
	}
	if len(opts) == 0 {
		return nil
	}
	one := 1
	return &discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: sourcesMenuID, Placeholder: placeholder, MinValues: &one, MaxValues: 1, Options: opts}
}

// menuLabel names a passage in the menu: "[n] Title" when cited, else its
// title.
func menuLabel(c answer.Citation) string {
	title := oneLine(sourceTitle(c.Passage.Title, c.Source))
	if c.N > 0 {
		return fmt.Sprintf("[%d] %s", c.N, title)
	}
	return title
}

// sourceTitle is what a citation is called: the document's title, else
// its file name.
func sourceTitle(title, source string) string {
	if t := strings.TrimSpace(title); t != "" {
		return t
	}
	return source
}

// recordAnswer stores an answer for the feedback report, after it was
// delivered: a failure is logged and nothing else.
func (b *Bot) recordAnswer(ctx context.Context, id, question string, a answer.Answer, guildID, channelID string) {
	if b.cfg.Feedback == nil || id == "" {
		return
	}
	cited := make([]string, 0, len(a.Citations))
	for _, c := range a.Citations {
		cited = append(cited, c.ID)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.recordTimeout)
	defer cancel()
	err := b.cfg.Feedback.RecordAnswer(ctx, feedback.Answer{
		ID: id, Question: question, Text: a.Text, Citations: cited, Backend: a.Backend, Abstained: a.Abstained,
		GuildID: guildID, ChannelID: channelID, At: time.Now().UTC(),
	})
	if err != nil {
		b.log.Warn("could not record the answer for feedback", slog.String("answer_id", id), b.secrets.errAttr(err))
	}
}

// handleVote takes a 👍 or 👎 press: an ephemeral thanks at once, then the
// vote is recorded (a user's second press replaces their first).
func (b *Bot) handleVote(ctx context.Context, r *interactionRequest) error {
	rest := strings.TrimPrefix(r.i.MessageComponentData().CustomID, feedbackIDPrefix)
	dir, answerID, ok := strings.Cut(rest, ":")
	if !ok || (dir != "u" && dir != "d") || !isSnowflake(answerID) {
		return userErrorf("This button is out of date.")
	}
	up := dir == "u"
	thanks := "Thanks — noted 👎. It helps whoever keeps the documents see what to fix. Press 👍 to change your vote."
	if up {
		thanks = "Thanks — noted 👍. Press 👎 to change your vote."
	}
	if err := r.notice(thanks); err != nil {
		return err
	}
	vote := "down"
	if up {
		vote = "up"
	}
	b.observe(Event{Kind: EventFeedback, Vote: vote})
	if b.cfg.Feedback == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, b.recordTimeout)
	defer cancel()
	if err := b.cfg.Feedback.RecordVote(ctx, feedback.Vote{
		AnswerID: answerID, UserID: r.userID(), Up: up, GuildID: r.i.GuildID, ChannelID: r.i.ChannelID, At: time.Now().UTC(),
	}); err != nil {
		b.log.Warn("could not record a vote", slog.String("answer_id", answerID), b.secrets.errAttr(err))
	}
	return nil
}

// handleSourcesMenu shows the chosen passage in full, to the chooser only.
func (b *Bot) handleSourcesMenu(ctx context.Context, r *interactionRequest) error {
	values := r.i.MessageComponentData().Values
	if len(values) != 1 {
		return userErrorf("Pick one source.")
	}
	if !b.isReady() {
		if err := r.deferReply(true); err != nil {
			return err
		}
		if err := b.waitReady(ctx); err != nil {
			return err
		}
	}
	p, ok := b.backend.Passage(values[0])
	if !ok {
		return userErrorf("That passage is no longer in the documents.")
	}
	return r.send(renderSource(p), nil, true)
}

// isSnowflake accepts a Discord id: 1 to 20 digits.
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// handlePublish posts a private answer to the channel on "Post publicly":
// the answer's embeds, attributed to the user who pressed (who asked: only
// they can see a private answer), with the feedback buttons and the
// Sources menu but no second "Post publicly".
func (b *Bot) handlePublish(_ context.Context, r *interactionRequest) error {
	msg := r.i.Message
	if msg == nil || len(msg.Embeds) == 0 {
		return userErrorf("That answer is gone; ask again.")
	}
	var rows []discordgo.MessageComponent
	for _, c := range msg.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		var kept []discordgo.MessageComponent
		for _, rc := range row.Components {
			if btn, ok := rc.(*discordgo.Button); ok && strings.HasPrefix(btn.CustomID, publishIDPrefix) {
				continue
			}
			kept = append(kept, rc)
		}
		if len(kept) > 0 {
			rows = append(rows, discordgo.ActionsRow{Components: kept})
		}
	}
	if rows == nil {
		rows = []discordgo.MessageComponent{}
	}
	return r.respond(discordgo.InteractionResponseChannelMessageWithSource, &discordgo.InteractionResponseData{
		Content:         "Asked by <@" + r.userID() + ">",
		Embeds:          msg.Embeds,
		Components:      rows,
		AllowedMentions: noMentions(),
	})
}
