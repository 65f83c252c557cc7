package bot

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// streamer collects streamed answer text and shows it by calling flush at
// most once per period: each flush starts a full period after the previous
// one ended, so Discord sees at most one edit per period. A backend that
// delivers its whole answer at once, before the first period is over, causes
// no interim edit at all.
type streamer struct {
	every   time.Duration
	flush   func(text string) error
	log     *slog.Logger
	secrets redactor

	mu    sync.Mutex
	text  strings.Builder
	dirty bool
	last  time.Time // when the last flush ended

	stopOnce sync.Once
	stopCh   chan struct{}
	done     chan struct{}
}

// newStreamer starts a streamer; its goroutine ends with stop.
func (b *Bot) newStreamer(flush func(text string) error) *streamer {
	s := &streamer{
		every:   b.cfg.StreamEvery,
		flush:   flush,
		log:     b.log,
		secrets: b.secrets,
		stopCh:  make(chan struct{}),
		done:    make(chan struct{}),
	}
	go s.run()
	return s
}

// write appends a chunk of answer text; safe from any goroutine.
func (s *streamer) write(chunk string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text.WriteString(chunk)
	if chunk != "" {
		s.dirty = true
	}
}

func (s *streamer) run() {
	defer close(s.done)
	timer := time.NewTimer(s.every)
	defer timer.Stop()
	for {
		select {
		case <-s.stopCh:
			return
		case <-timer.C:
		}
		s.mu.Lock()
		text, dirty := s.text.String(), s.dirty
		s.dirty = false
		s.mu.Unlock()
		if dirty && strings.TrimSpace(text) != "" {
			if err := s.flush(text); err != nil {
				s.log.Warn("streaming edit failed", s.secrets.errAttr(err))
			}
			s.mu.Lock()
			s.last = time.Now()
			s.mu.Unlock()
		}
		timer.Reset(s.every)
	}
}

// stop ends the streamer and waits for a flush in progress; idempotent.
func (s *streamer) stop() {
	s.stopOnce.Do(func() { close(s.stopCh) })
	<-s.done
}

// waitTurn waits until a final edit would keep to one edit per period.
func (s *streamer) waitTurn(ctx context.Context) {
	s.mu.Lock()
	last := s.last
	s.mu.Unlock()
	if last.IsZero() {
		return
	}
	wait := s.every - time.Since(last)
	if wait <= 0 {
		return
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
