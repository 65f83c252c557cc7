package bot

import (
	"testing"
	"time"
)

// fakeClock is a settable clock for the rate limiter.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestRateLimiter(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	l := newRateLimiter(5, time.Minute, clock.now)

	for i := 0; i < 5; i++ {
		if ok, _, _ := l.allow("ann"); !ok {
			t.Fatalf("question %d refused", i+1)
		}
	}
	ok, wait, notify := l.allow("ann")
	if ok || !notify || wait != 12*time.Second {
		t.Errorf("sixth question: ok=%v wait=%v notify=%v; want refused, 12s, notify", ok, wait, notify)
	}
	if _, _, notify := l.allow("ann"); notify {
		t.Error("notified twice in a row")
	}
	if ok, _, _ := l.allow("bob"); !ok {
		t.Error("another user is limited too")
	}

	clock.advance(12 * time.Second)
	if ok, _, _ := l.allow("ann"); !ok {
		t.Error("no token regained after 12s")
	}
	if ok, _, notify := l.allow("ann"); ok || !notify {
		t.Error("after an allowed question, a new refusal should notify again")
	}

	clock.advance(time.Hour)
	if ok, _, _ := l.allow("carl"); !ok {
		t.Error("carl refused")
	}
	l.mu.Lock()
	n := len(l.buckets)
	l.mu.Unlock()
	if n != 1 {
		t.Errorf("%d buckets after an idle hour, want only carl's", n)
	}
}

func TestTryAcquire(t *testing.T) {
	b := &Bot{inFlight: make(chan struct{}, 2)}
	r1, ok1 := b.tryAcquire()
	_, ok2 := b.tryAcquire()
	_, ok3 := b.tryAcquire()
	if !ok1 || !ok2 || ok3 {
		t.Fatalf("acquire = %v %v %v, want true true false", ok1, ok2, ok3)
	}
	r1()
	r1() // releasing twice frees one slot only
	if _, ok := b.tryAcquire(); !ok {
		t.Error("slot not freed")
	}
	if _, ok := b.tryAcquire(); ok {
		t.Error("double release freed two slots")
	}
}
