package bot

import (
	"container/list"
	"fmt"
	"log/slog"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// maxThreadNameRunes is Discord's cap on a thread's name.
const maxThreadNameRunes = 100

// threadAutoArchive is how long, in minutes, a quiet thread stays open.
const threadAutoArchive = 1440

// answerTarget is where an answer goes: a reply to a message, or (when
// replyTo is nil) a plain message in a channel, such as a new thread.
type answerTarget struct {
	channelID string
	replyTo   *discordgo.Message
}

// send posts content (with components) to the target, pinging nobody.
func (b *Bot) send(t answerTarget, content string, components []discordgo.MessageComponent) (*discordgo.Message, error) {
	if t.replyTo != nil {
		return b.replyWith(t.replyTo, content, components)
	}
	msg, err := b.session.ChannelMessageSendComplex(t.channelID, &discordgo.MessageSend{
		Content: content, Components: components, AllowedMentions: noMentions(),
	})
	if err != nil {
		return nil, fmt.Errorf("send: %w", b.secrets.wrap(err))
	}
	return msg, nil
}

// threadName names a thread after its question: one line, at most 100
// characters.
func threadName(question string) string {
	name := truncateRunes(oneLine(question), maxThreadNameRunes)
	if name == "" {
		return "Question"
	}
	return name
}

// startThread starts a public thread on the question's message, for the
// answer and its follow-ups. It returns the target to answer in: the
// thread, or a reply in the channel when no thread could be started.
func (b *Bot) startThread(m *discordgo.Message, question string) answerTarget {
	ch, err := b.session.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
		Name: threadName(question), AutoArchiveDuration: threadAutoArchive,
	})
	if err != nil || ch == nil || ch.ID == "" {
		b.log.Warn("could not start a thread; replying in the channel", slog.String("message_id", m.ID), b.secrets.errAttr(err))
		return answerTarget{channelID: m.ChannelID, replyTo: m}
	}
	b.threads.add(ch.ID)
	return answerTarget{channelID: ch.ID}
}

// wantsThread reports whether a question should be answered in a new
// thread: threads are on, the question is new (a mention or a message in a
// listened channel, not a reply or a thread message) and it is in a guild
// channel that is not itself a thread.
func (b *Bot) wantsThread(m *discordgo.Message, via string) bool {
	if !b.cfg.Threads || m.GuildID == "" || (via != viaMention && via != viaChannel) {
		return false
	}
	if ch, err := b.session.State.Channel(m.ChannelID); err == nil && ch.IsThread() {
		return false
	}
	return !b.threads.has(m.ChannelID)
}

// onThreadCreate remembers threads under listened channels (a forum's
// posts, threads users start in a listened channel): their messages are
// questions too.
func (b *Bot) onThreadCreate(_ *discordgo.Session, tc *discordgo.ThreadCreate) {
	if tc.Channel == nil {
		return
	}
	defer b.recoverEvent("THREAD_CREATE")
	if b.listened[tc.ParentID] {
		b.threads.add(tc.ID)
	}
}

// inKnownThread reports whether channelID is a thread the bot started or
// one under a listened channel.
func (b *Bot) inKnownThread(channelID string) bool {
	if b.threads.has(channelID) {
		return true
	}
	ch, err := b.session.State.Channel(channelID)
	return err == nil && ch.IsThread() && b.listened[ch.ParentID]
}

// threadSet is a bounded set of thread ids, least recently added forgotten
// first.
type threadSet struct {
	mu    sync.Mutex
	max   int
	order *list.List
	ids   map[string]*list.Element
}

func newThreadSet(max int) *threadSet {
	return &threadSet{max: max, order: list.New(), ids: make(map[string]*list.Element)}
}

func (s *threadSet) add(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.ids[id]; ok {
		s.order.MoveToFront(e)
		return
	}
	s.ids[id] = s.order.PushFront(id)
	for s.order.Len() > s.max {
		oldest := s.order.Back()
		s.order.Remove(oldest)
		delete(s.ids, oldest.Value.(string))
	}
}

func (s *threadSet) has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.ids[id]
	return ok
}
