package retrieval

// WithLockWait calls wait when the index folder's lock is held by another
// process and Open is about to wait for it, so the caller can say why it
// pauses. wait may be called more than once (shared, then exclusive lock).
func WithLockWait(wait func()) Option { return func(o *options) { o.lockWait = wait } }

// takeLock takes a lock with try; when another process holds it, it calls
// wait (if set) and then blocks in take.
func takeLock(try func() (bool, error), take func() error, wait func()) error {
	ok, err := try()
	if err != nil || ok {
		return err
	}
	if wait != nil {
		wait()
	}
	return take()
}
