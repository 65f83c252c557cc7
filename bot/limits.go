package bot

import (
	"math"
	"sync"
	"time"
)

// maxQuestionRunes caps a question's length.
const maxQuestionRunes = 4000

// Year limits, the one place for them: slash command options, option
// parsing and button ids all accept years from minYear to maxYear
// (historical numbering, 206 BC is -206).
const (
	minYear = -9999
	maxYear = 9999
)

// rateLimiter is a per-user token bucket: each user may ask rate questions
// at once, and regains one every per/rate.
type rateLimiter struct {
	mu        sync.Mutex
	rate      float64
	per       time.Duration
	now       func() time.Time
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens   float64
	at       time.Time
	notified bool // the user was told about the limit since their last allowed question
}

func newRateLimiter(rate int, per time.Duration, now func() time.Time) *rateLimiter {
	return &rateLimiter{rate: float64(rate), per: per, now: now, buckets: make(map[string]*bucket), lastSweep: now()}
}

// allow takes a token for user. When none is left it returns how long until
// one is, and notify is true only the first time in a row, so the bot
// tells a user about the limit once rather than once per message.
func (l *rateLimiter) allow(user string) (ok bool, wait time.Duration, notify bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b := l.buckets[user]
	if b == nil {
		b = &bucket{tokens: l.rate, at: now}
		l.buckets[user] = b
	}
	l.refill(b, now)
	if b.tokens >= 1 {
		b.tokens--
		b.notified = false
		return true, 0, false
	}
	wait = time.Duration(math.Ceil((1 - b.tokens) * float64(l.per) / l.rate))
	notify = !b.notified
	b.notified = true
	return false, wait, notify
}

func (l *rateLimiter) refill(b *bucket, now time.Time) {
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = math.Min(l.rate, b.tokens+elapsed.Seconds()*l.rate/l.per.Seconds())
	}
	b.at = now
}

// sweep forgets users whose buckets are full again, once per period, so the
// map holds only recently active users.
func (l *rateLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < l.per {
		return
	}
	l.lastSweep = now
	for user, b := range l.buckets {
		l.refill(b, now)
		if b.tokens >= l.rate {
			delete(l.buckets, user)
		}
	}
}

// tryAcquire takes one of the MaxInFlight answer slots without waiting.
func (b *Bot) tryAcquire() (release func(), ok bool) {
	select {
	case b.inFlight <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-b.inFlight }) }, true
	default:
		return nil, false
	}
}

// roundUpSeconds renders a wait for people: "1 s" at least.
func roundUpSeconds(d time.Duration) int {
	s := int(math.Ceil(d.Seconds()))
	if s < 1 {
		s = 1
	}
	return s
}
