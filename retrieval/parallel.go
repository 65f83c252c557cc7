package retrieval

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel runs fn(0..n-1) on all cores, stops at the first error or when ctx
// ends, and reports progress about every 1% of the work.
func parallel(ctx context.Context, n int, fn func(i int) error, progress func(done, total int)) error {
	var next, done atomic.Int64
	var firstErr error
	var once sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	step := int64(max(1, n/100))
	var progressMu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) || ctx.Err() != nil {
					return
				}
				if err := fn(int(i)); err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
				if d := done.Add(1); d%step == 0 || d == int64(n) {
					progressMu.Lock()
					progress(int(d), n)
					progressMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// parallelChunks splits 0..n-1 into one contiguous share per core and runs
// fn on each share concurrently; it returns the first error.
func parallelChunks(ctx context.Context, n int, fn func(lo, hi int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = fn(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}
