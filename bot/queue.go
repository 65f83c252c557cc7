package bot

import (
	"context"
	"fmt"
	"sync"
)

// DefaultQueue is how many questions may wait for an answer slot.
const DefaultQueue = 32

// waitQueue counts the questions waiting for an answer slot; waiting itself
// is on the slot channel, whose blocked senders Go serves in order.
type waitQueue struct {
	mu      sync.Mutex
	max     int
	waiting int
}

// join takes a place in the queue and returns how many wait ahead; false
// when the queue is full.
func (q *waitQueue) join() (ahead int, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.waiting >= q.max {
		return 0, false
	}
	q.waiting++
	return q.waiting - 1, true
}

// len is how many questions wait now.
func (q *waitQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waiting
}

func (q *waitQueue) leave() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.waiting--
}

// admission is what admit decided for a question: a slot now (release), a
// place in the queue (queued), or a refusal (notice).
type admission struct {
	release func()
	queued  *ticket
	notice  string
	notify  bool // false when the user was already told about the rate limit
}

// refused reports whether the question gets a notice instead of an answer.
func (a admission) refused() bool { return a.release == nil && a.queued == nil }

// ticket is a place in the queue.
type ticket struct {
	bot   *Bot
	ahead int
	once  sync.Once
}

// wait blocks until an answer slot is free or ctx ends, leaving the queue
// either way.
func (t *ticket) wait(ctx context.Context) (release func(), err error) {
	defer t.cancel()
	select {
	case t.bot.inFlight <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-t.bot.inFlight }) }, nil
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// cancel leaves the queue without waiting; idempotent.
func (t *ticket) cancel() { t.once.Do(t.bot.queue.leave) }

// queuedNotice tells a user their question waits.
func queuedNotice(ahead int) string {
	if ahead == 0 {
		return "⏳ Queued (next in line): all answer slots are busy; I'll answer as soon as one frees up."
	}
	return fmt.Sprintf("⏳ Queued (%d ahead): all answer slots are busy; I'll answer as soon as one frees up.", ahead)
}
