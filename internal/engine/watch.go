package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long Watch waits after the last change to the
// corpus folder before it updates: an editor's save or a `git pull` is many
// events, and one update follows them all.
const DefaultDebounce = 300 * time.Millisecond

// ErrNotAFolder is returned by Watch for a corpus that is not a folder (the
// built-in one).
var ErrNotAFolder = errors.New("the corpus is not a folder")

// Watcher follows a corpus folder for an Engine; see Engine.Watch.
type Watcher struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// Close stops watching and waits for an update under way to finish.
func (w *Watcher) Close() {
	w.cancel()
	<-w.done
}

// Watch follows the engine's corpus folder and its subfolders: after
// changes, once debounce has passed without another, it reloads the folder
// and applies it with Update, then calls report with what changed (or with
// the error; the engine goes on answering from the index it had). Hidden
// files and folders are ignored, as the corpus ignores them. It returns once
// the folder is watched; Close stops it.
func (e *Engine) Watch(ctx context.Context, debounce time.Duration, report func(Update, error)) (*Watcher, error) {
	root := e.Corpus().Name
	if root == corpus.BuiltinName {
		return nil, ErrNotAFolder
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if err := addTree(fw, root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &Watcher{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		defer fw.Close()
		e.watch(ctx, fw, root, debounce, report)
	}()
	return w, nil
}

// maxDelays is how many debounce periods a change waits at most while
// others keep coming (a file written to all the time).
const maxDelays = 10

func (e *Engine) watch(ctx context.Context, fw *fsnotify.Watcher, root string, debounce time.Duration, report func(Update, error)) {
	timer := time.NewTimer(debounce)
	timer.Stop()
	var pendingSince time.Time // zero: nothing pending
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-fw.Events:
			if !ok {
				return
			}
			if hiddenUnder(root, ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					// A new folder's files may be in place before it is
					// watched; the reload reads them all the same.
					_ = addTree(fw, ev.Name)
				}
			}
			if pendingSince.IsZero() {
				pendingSince = time.Now()
			}
			if time.Since(pendingSince) < maxDelays*debounce {
				timer.Reset(debounce)
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return
			}
			report(Update{}, fmt.Errorf("watch %s: %w", root, err))
		case <-timer.C:
			pendingSince = time.Time{}
			c, err := corpus.LoadDir(root)
			if err != nil && !errors.Is(err, corpus.ErrNoDocuments) {
				report(Update{Corpus: c}, fmt.Errorf("reload %s: %w", root, err))
				continue
			}
			if err != nil {
				report(Update{Corpus: c}, fmt.Errorf("reload %s: %w; still answering from the documents before", root, err))
				continue
			}
			u, err := e.Update(ctx, c)
			if err != nil && ctx.Err() != nil {
				return
			}
			if err != nil || u.Any() {
				report(u, err)
			}
		}
	}
}

// addTree watches dir and every folder under it, hidden ones excepted.
func addTree(fw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if err := fw.Add(path); err != nil && path == dir {
			return err
		}
		return nil
	})
}

// hiddenUnder reports whether path, under root, is or is inside a hidden
// file or folder.
func hiddenUnder(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}
