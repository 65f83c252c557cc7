package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/internal/answer"
)

// Why a message is taken as a question.
const (
	viaDM      = "dm"
	viaMention = "mention"
	viaReply   = "reply"
	viaThread  = "thread"
	viaChannel = "channel"
)

// onMessage decides at once, on the gateway goroutine, whether a message
// is a question for the bot, and answers it on a tracked goroutine.
func (b *Bot) onMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc.Message == nil {
		return
	}
	defer b.recoverEvent("MESSAGE_CREATE")
	m := mc.Message
	botID, _ := b.identity()
	via, ok := b.addressed(m, botID)
	if !ok {
		return
	}
	question := stripMention(m.Content, botID)
	for _, role := range m.MentionRoles {
		question = strings.TrimSpace(strings.ReplaceAll(question, "<@&"+role+">", ""))
	}
	b.spawn(func(ctx context.Context) {
		attrs := []slog.Attr{
			slog.String("event", "message"),
			slog.String("via", via),
			slog.String("message_id", m.ID),
			slog.String("user_id", m.Author.ID),
			slog.String("guild_id", m.GuildID),
			slog.String("channel_id", m.ChannelID),
		}
		b.serve(ctx, slog.LevelInfo, attrs,
			func(ctx context.Context) error { return b.answerMessage(ctx, m, question, via) },
			func(err error) {
				if errors.As(err, new(*reportedError)) {
					return // the streamed reply already says so
				}
				if err := b.replyShort(m, userMessage(err)); err != nil {
					b.log.Warn("could not report an error to the user", slog.String("message_id", m.ID), b.secrets.errAttr(err))
				}
			})
	}, nil) // while draining, messages are not taken as questions
}

// addressed reports whether m is a question for the bot, and why: it is a
// DM, mentions the bot, replies to the bot, is in a thread the bot started,
// or is in a listened channel. Messages by bots (the bot itself included),
// webhooks and the system are never questions.
func (b *Bot) addressed(m *discordgo.Message, botID string) (string, bool) {
	if m.Author == nil || m.Author.Bot || m.Author.System || m.WebhookID != "" || botID == "" || m.Author.ID == botID {
		return "", false
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return "", false
	}
	switch {
	case m.GuildID == "":
		return viaDM, true
	case mentionsBot(m, botID), b.mentionsBotRole(m, botID):
		return viaMention, true
	case repliesToBot(m, botID):
		return viaReply, true
	case b.ownsThread(m.ChannelID, botID), b.inKnownThread(m.ChannelID):
		return viaThread, true
	case b.listened[m.ChannelID]:
		return viaChannel, true
	}
	return "", false
}

func mentionsBot(m *discordgo.Message, botID string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+botID+">") || strings.Contains(m.Content, "<@!"+botID+">")
}

// mentionsBotRole reports whether m mentions the role Discord manages for
// the bot (users pick it from the mention list as often as the bot itself):
// a managed role the bot's member holds, as the gateway state knows it.
func (b *Bot) mentionsBotRole(m *discordgo.Message, botID string) bool {
	if len(m.MentionRoles) == 0 || m.GuildID == "" {
		return false
	}
	member, err := b.session.State.Member(m.GuildID, botID)
	if err != nil {
		return false
	}
	for _, id := range m.MentionRoles {
		role, err := b.session.State.Role(m.GuildID, id)
		if err == nil && role.Managed && slices.Contains(member.Roles, id) {
			return true
		}
	}
	return false
}

func repliesToBot(m *discordgo.Message, botID string) bool {
	ref := m.ReferencedMessage
	return ref != nil && ref.Author != nil && ref.Author.ID == botID
}

// ownsThread reports whether channelID is a thread the bot started, as far
// as the gateway state knows (threads arrive with GUILD_CREATE and
// THREAD_CREATE).
func (b *Bot) ownsThread(channelID, botID string) bool {
	ch, err := b.session.State.Channel(channelID)
	return err == nil && ch.IsThread() && ch.OwnerID == botID
}

// stripMention removes the bot's own mentions, <@id> and <@!id>.
func stripMention(content, botID string) string {
	if botID != "" {
		content = strings.NewReplacer("<@"+botID+">", "", "<@!"+botID+">", "").Replace(content)
	}
	return strings.TrimSpace(content)
}

// answerMessage answers a question asked by message: typing while it
// works, a reply to the question (streamed when the backend streams), split
// into messages of at most 2000 characters.
func (b *Bot) answerMessage(ctx context.Context, m *discordgo.Message, question, via string) error {
	start := time.Now()
	if question == "" && via == viaChannel {
		return nil // an image or sticker in a listened channel
	}
	if err := checkQuestion(question); err != nil {
		return err
	}
	adm := b.admit(m.Author.ID)
	if adm.refused() {
		if adm.notify {
			return b.replyShort(m, adm.notice)
		}
		return nil
	}
	if adm.queued != nil {
		defer adm.queued.cancel()
	}
	target := answerTarget{channelID: m.ChannelID, replyTo: m}
	thread := "" // the thread that carries the conversation, if any
	if via == viaThread {
		thread = m.ChannelID
	} else if b.wantsThread(m, via) {
		if target = b.startThread(m, question); target.replyTo == nil {
			thread = target.channelID
		}
	}
	var first *discordgo.Message // the reply, once sent: the queue notice, or the streamed answer
	release := adm.release
	if adm.queued != nil {
		msg, err := b.send(target, queuedNotice(adm.queued.ahead), nil)
		if err != nil {
			b.log.Warn("could not show the queue position", slog.String("message_id", m.ID), b.secrets.errAttr(err))
		}
		first = msg
		wctx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
		release, err = adm.queued.wait(wctx)
		cancel()
		if err != nil {
			if first == nil {
				return err
			}
			if ferr := b.editMessage(first, truncateRunes(userMessage(err), maxMessageRunes), nil); ferr != nil {
				return ferr
			}
			return &reportedError{err: err}
		}
	}
	defer release()
	stopTyping := b.keepTyping(target.channelID)
	defer stopTyping()

	if err := b.waitReadyWithin(ctx, b.cfg.AnswerTimeout); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
	defer cancel()
	history := b.history(m, via)

	st := b.newStreamer(func(text string) error {
		preview := renderPreview(text, maxMessageRunes)
		if first == nil {
			// The growing reply shows the bot is at work. Typing stops
			// first, so no indicator lands after the reply.
			stopTyping()
			msg, err := b.send(target, preview, nil)
			first = msg
			return err
		}
		return b.editMessage(first, preview, nil)
	})
	defer st.stop()
	a, err := b.backend.Ask(ctx, question, history, st.write)
	st.stop()
	stopTyping()
	if err != nil {
		b.answered(ctx, via, start, a, err)
		err = fmt.Errorf("answer: %w", err)
		if first == nil {
			return err
		}
		// One message per question: the partial reply becomes the error.
		if ferr := b.editMessage(first, truncateRunes(userMessage(err), maxMessageRunes), nil); ferr != nil {
			b.log.Warn("could not replace a partial answer", slog.String("message_id", first.ID), b.secrets.errAttr(ferr))
			if derr := b.session.ChannelMessageDelete(first.ChannelID, first.ID); derr != nil {
				b.log.Warn("could not delete a partial answer", slog.String("message_id", first.ID), b.secrets.errAttr(derr))
			}
		}
		return &reportedError{err: err}
	}
	st.waitTurn(ctx)

	chunks := capMessages(splitMessage(renderAnswerText(a), maxMessageRunes), maxAnswerMessages)
	ids, err := b.deliver(ctx, target, first, chunks, answerComponents(m.ID, a, false))
	b.answered(ctx, via, start, a, err)
	if len(ids) > 0 {
		keys := ids
		if thread != "" {
			keys = append(keys, threadKey(thread))
		}
		b.convs.put(append(history, turnOf(question, a)), keys...)
		b.recordAnswer(ctx, m.ID, question, a, m.GuildID, m.ChannelID)
	}
	return err
}

// turnOf is the conversation turn of an answered question.
func turnOf(question string, a answer.Answer) answer.Turn {
	cited := make([]string, 0, len(a.Citations))
	for _, c := range a.Citations {
		cited = append(cited, c.ID)
	}
	return answer.Turn{Question: question, Answer: a.Text, Cited: cited}
}

// reportedError is a failure the user has already been shown.
type reportedError struct{ err error }

func (e *reportedError) Error() string { return e.err.Error() }
func (e *reportedError) Unwrap() error { return e.err }

// maxAnswerMessages is the most messages one answer may take: a channel
// allows about 5 messages in 5 s, shared by everyone the bot answers there.
const maxAnswerMessages = 3

// capMessages keeps at most n chunks; when some are dropped, the last kept
// one ends with a note pointing to /source.
func capMessages(chunks []string, n int) []string {
	if len(chunks) <= n {
		return chunks
	}
	const note = "\n\n… (answer cut to %d messages; use `/source` to read a cited passage in full)"
	tail := fmt.Sprintf(note, n)
	out := append([]string(nil), chunks[:n]...)
	// Re-split the last chunk with room for the note, so the cut keeps
	// code blocks closed and [n] markers whole.
	out[n-1] = splitMessage(out[n-1], maxMessageRunes-utf8.RuneCountInString(tail))[0] + tail
	return out
}

func threadKey(channelID string) string { return "thread:" + channelID }

// history is the earlier turns a follow-up should see: the conversation
// that led to the bot message it replies to, or the one in the bot's thread.
func (b *Bot) history(m *discordgo.Message, via string) []answer.Turn {
	botID, _ := b.identity()
	if repliesToBot(m, botID) {
		if turns, ok := b.convs.get(m.ReferencedMessage.ID); ok {
			return turns
		}
		// Not remembered (the bot restarted): the replied-to answer alone.
		return []answer.Turn{turnFromReply(m.ReferencedMessage.Content)}
	}
	if via == viaThread {
		turns, _ := b.convs.get(threadKey(m.ChannelID))
		return turns
	}
	return nil
}

// deliver sends the answer's chunks: the first as the reply to the question
// (editing the streamed reply when there is one), the rest after it; the
// last carries components. It returns the ids of the messages sent.
func (b *Bot) deliver(ctx context.Context, t answerTarget, first *discordgo.Message, chunks []string, components []discordgo.MessageComponent) ([]string, error) {
	var ids []string
	for i, chunk := range chunks {
		var comps []discordgo.MessageComponent
		if i == len(chunks)-1 {
			comps = components
		}
		var err error
		switch {
		case i == 0 && first != nil:
			// The final edit of a streamed reply: retried like /ask's, as
			// an edit can be repeated safely.
			err = b.retry(ctx, editAttempts, func() error { return b.editMessage(first, chunk, comps) })
			ids = append(ids, first.ID)
		case i == 0:
			var msg *discordgo.Message
			if msg, err = b.send(t, chunk, comps); msg != nil {
				ids = append(ids, msg.ID)
			}
		default:
			var msg *discordgo.Message
			msg, err = b.session.ChannelMessageSendComplex(t.channelID, &discordgo.MessageSend{
				Content: chunk, AllowedMentions: noMentions(), Components: comps,
			})
			if err != nil {
				err = fmt.Errorf("send answer part %d: %w", i+1, b.secrets.wrap(err))
			} else {
				ids = append(ids, msg.ID)
			}
		}
		if err != nil {
			return ids, err
		}
	}
	return ids, nil
}

// reply sends content as a reply to m, pinging nobody.
func (b *Bot) reply(m *discordgo.Message, content string) (*discordgo.Message, error) {
	return b.replyWith(m, content, nil)
}

// replyWith is reply with components under the message.
func (b *Bot) replyWith(m *discordgo.Message, content string, components []discordgo.MessageComponent) (*discordgo.Message, error) {
	failIfGone := false
	msg, err := b.session.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
		Content:         content,
		Components:      components,
		AllowedMentions: noMentions(),
		Reference:       &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &failIfGone},
	})
	if err != nil {
		return nil, fmt.Errorf("reply: %w", b.secrets.wrap(err))
	}
	return msg, nil
}

// replyShort replies with a short notice.
func (b *Bot) replyShort(m *discordgo.Message, text string) error {
	_, err := b.reply(m, truncateRunes(text, maxMessageRunes))
	return err
}

// editMessage replaces a message's content, and its components when
// components is not nil, pinging nobody.
func (b *Bot) editMessage(msg *discordgo.Message, content string, components []discordgo.MessageComponent) error {
	e := &discordgo.MessageEdit{ID: msg.ID, Channel: msg.ChannelID, Content: &content, AllowedMentions: noMentions()}
	if components != nil {
		e.Components = &components
	}
	_, err := b.session.ChannelMessageEditComplex(e)
	if err != nil {
		return fmt.Errorf("edit reply: %w", b.secrets.wrap(err))
	}
	return nil
}

// keepTyping shows the typing indicator in a channel until stop is called.
// The first indicator is sent before it returns, so it never lands after
// the answer.
func (b *Bot) keepTyping(channelID string) (stop func()) {
	typing := func() {
		if err := b.session.ChannelTyping(channelID); err != nil {
			b.log.Debug("typing indicator", slog.String("channel_id", channelID), b.secrets.errAttr(err))
		}
	}
	typing()
	stopCh, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(b.typingEvery)
		defer t.Stop()
		for {
			select {
			case <-stopCh:
				return
			case <-t.C:
				typing()
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(stopCh); <-done }) }
}
