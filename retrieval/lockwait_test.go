package retrieval

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gofrs/flock"
)

// Open says when it has to wait for another process's lock, then waits.
func TestOpenTellsWhenItWaitsForTheLock(t *testing.T) {
	data := t.TempDir()
	c := testCorpus("")
	// Uncontended, Open does not call wait.
	_, rep, err := Open(context.Background(), data, c, WithLockWait(func() { t.Error("waited for a free lock") }))
	if err != nil {
		t.Fatal(err)
	}
	other := flock.New(filepath.Join(rep.Dir, lockFile)) // another open file: flock conflicts
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{}, 2)
	done := make(chan error, 1)
	go func() {
		_, _, err := Open(context.Background(), data, c, WithLockWait(func() { waiting <- struct{}{} }))
		done <- err
	}()
	<-waiting // Open reports the wait before blocking; else this hangs
	select {
	case err := <-done:
		t.Fatalf("Open returned while the lock was held: %v", err)
	default:
	}
	if err := other.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
