package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/retrieval"
	"github.com/schollz/progressbar/v3"
)

// progressMinPassages is the corpus size from which indexing shows a
// progress bar on a terminal; smaller corpora index in a blink.
const progressMinPassages = 2000

// loadCorpus returns the built-in corpus or the --corpus folder's. When the
// folder holds nothing usable it prints why each file was skipped.
func (g *globals) loadCorpus(e env) (*corpus.Corpus, error) {
	if g.Corpus == "" {
		return corpus.Builtin(), nil
	}
	c, err := corpus.LoadDir(g.Corpus)
	if c != nil && err != nil {
		warnSkipped(e, c)
	}
	if errors.Is(err, corpus.ErrNoDocuments) {
		return nil, fmt.Errorf("%s holds no usable .txt or .md documents", g.Corpus)
	}
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("corpus folder %s does not exist", g.Corpus)
	}
	return c, err
}

// warnSkipped prints a warning for every file of c that was skipped or read
// with problems. Commands
// print them once per change of the corpus (when the index is rebuilt) and on
// `index`, not on every question.
func warnSkipped(e env, c *corpus.Corpus) {
	for _, s := range c.Skipped {
		fmt.Fprintf(e.stderr, "citebot: warning: skipped %s: %s\n", termSafe(s.Path), termSafe(s.Reason))
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(e.stderr, "citebot: warning: %s: %s\n", w.Path, w.Message)
	}
}

// dataDir is --data, or <user cache dir>/citebot.
func (g *globals) dataDir() (string, error) {
	if g.Data != "" {
		return g.Data, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no data folder: set --data or CITEBOT_DATA (%w)", err)
	}
	return filepath.Join(cache, "citebot"), nil
}

// open loads the corpus and opens its index, telling the user on stderr when
// the index is (re)built and why, which files were skipped when it is, and
// when the index could not be stored.
func (g *globals) open(ctx context.Context, e env, opts ...engine.Option) (*engine.Engine, error) {
	c, err := g.loadCorpus(e)
	if err != nil {
		return nil, err
	}
	dir, err := g.dataDir()
	if err != nil {
		return nil, err
	}
	var bar *progressbar.ProgressBar
	var progress func(done, total int)
	if e.tty && (g.remote() || len(c.Passages) >= progressMinPassages) {
		bar = newBar(e.stderr, len(c.Passages))
		// The engine keeps the option for later updates (serve, chat),
		// which draw no bar.
		var finished atomic.Bool
		defer finished.Store(true)
		progress = func(done, _ int) {
			if !finished.Load() {
				_ = bar.Set(done)
			}
		}
		opts = append(opts, engine.WithRetrieval(retrieval.WithProgress(progress)))
	}
	opts = append(opts, engine.WithRetrieval(retrieval.WithLockWait(func() {
		fmt.Fprintln(e.stderr, "citebot: waiting for another citebot process to finish with the index…")
	})))
	backend, err := g.engineOptions(e.logger, progress)
	if err != nil {
		return nil, err
	}
	eng, err := engine.Open(ctx, dir, c, append(opts, backend...)...)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return nil, g.explainEmbedTimeout(err)
	}
	rep := eng.OpenReport()
	if rep.Rebuilt {
		warnSkipped(e, c)
	}
	if rep.Warning != "" {
		fmt.Fprintf(e.stderr, "citebot: warning: %s\n", termSafe(rep.Warning))
	}
	if rep.Rebuilt && rep.Reason != "no stored index" {
		how := ""
		if s := changeSummary(rep.Update); s != "" {
			how = " (" + s + ")"
		}
		fmt.Fprintf(e.stderr, "citebot: rebuilt the index (%s): %d passages in %s%s\n", rep.Reason, eng.Index().Len(), rep.Duration.Round(1e6), how)
	}
	if rep.SaveErr != nil {
		fmt.Fprintf(e.stderr, "citebot: warning: could not store the index (%v); using the index built in memory, which will be built again next time\n", rep.SaveErr)
	}
	return eng, nil
}

func newBar(w io.Writer, total int) *progressbar.ProgressBar {
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("embedding passages"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
}
