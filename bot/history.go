package bot

import (
	"container/list"
	"slices"
	"strings"
	"sync"

	"github.com/citebot/citebot/internal/answer"
)

// History bounds: a follow-up sees at most maxHistoryTurns earlier turns,
// each answer cut to maxTurnRunes, and the bot remembers maxConversations
// conversations (least recently used forgotten first).
const (
	maxHistoryTurns  = 6
	maxTurnRunes     = 1500
	maxConversations = 2048
)

// conversations remembers the turns that led to each bot reply, keyed by
// the reply's message id (for reply chains) or "thread:"+id (for threads
// the bot owns), so a follow-up can be answered in context.
type conversations struct {
	mu       sync.Mutex
	maxKeys  int
	maxTurns int
	order    *list.List // of string keys, most recent first
	entries  map[string]*conversation
}

type conversation struct {
	turns []answer.Turn
	elem  *list.Element
}

func newConversations(maxKeys, maxTurns int) *conversations {
	return &conversations{maxKeys: maxKeys, maxTurns: maxTurns, order: list.New(), entries: make(map[string]*conversation)}
}

// get returns a copy of the turns stored under key.
func (c *conversations) get(key string) ([]answer.Turn, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e.elem)
	return append([]answer.Turn(nil), e.turns...), true
}

// put stores turns (the last maxTurns of them, answers cut short) under
// every key.
func (c *conversations) put(turns []answer.Turn, keys ...string) {
	turns = boundTurns(turns, c.maxTurns)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, key := range keys {
		if e, ok := c.entries[key]; ok {
			e.turns = turns
			c.order.MoveToFront(e.elem)
			continue
		}
		c.entries[key] = &conversation{turns: turns, elem: c.order.PushFront(key)}
		for c.order.Len() > c.maxKeys {
			oldest := c.order.Back()
			c.order.Remove(oldest)
			delete(c.entries, oldest.Value.(string))
		}
	}
}

// boundTurns keeps the last max turns, with questions and answers cut to
// maxTurnRunes, in a new slice.
func boundTurns(turns []answer.Turn, max int) []answer.Turn {
	if len(turns) > max {
		turns = turns[len(turns)-max:]
	}
	out := make([]answer.Turn, len(turns))
	for i, t := range turns {
		out[i] = answer.Turn{Question: truncateRunes(t.Question, maxTurnRunes), Answer: truncateRunes(t.Answer, maxTurnRunes), Cited: slices.Clone(t.Cited)}
	}
	return out
}

// turnFromReply recovers a turn from a bot reply the bot no longer
// remembers (after a restart): the answer text before the sources list.
func turnFromReply(content string) answer.Turn {
	for _, h := range []string{sourcesHeading, closestHeading} {
		if i := strings.Index(content, h); i >= 0 {
			content = content[:i]
		}
	}
	return answer.Turn{Answer: strings.TrimSpace(content)}
}
