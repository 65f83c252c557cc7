package main

import "sync"

// interrupts routes Ctrl-C (SIGINT) to whoever handles it now. run sends it
// to the cancel of the whole command; chat routes it, while an answer is
// being written, to that answer's cancel only.
type interrupts struct {
	mu      sync.Mutex
	handler func()
	// exit ends the process (exit code 130) when Ctrl-C comes again after
	// the command was cancelled but has not ended; nil in tests.
	exit func()
}

// route sends interrupts to fn until restore is called.
func (i *interrupts) route(fn func()) (restore func()) {
	i.mu.Lock()
	prev := i.handler
	i.handler = fn
	i.mu.Unlock()
	return func() {
		i.mu.Lock()
		i.handler = prev
		i.mu.Unlock()
	}
}

// interrupt calls the current handler, if any.
func (i *interrupts) interrupt() {
	i.mu.Lock()
	h := i.handler
	i.mu.Unlock()
	if h != nil {
		h()
	}
}
