package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

type indexCmd struct{}

// Run builds or refreshes the stored index and reports what it did.
func (indexCmd) Run(ctx context.Context, g *globals, e env) error {
	eng, err := g.open(ctx, e)
	if err != nil {
		return err
	}
	rep := eng.OpenReport()
	if !rep.Rebuilt {
		warnSkipped(e, eng.Corpus()) // open warned only if it rebuilt
	}
	state := "up to date, loaded"
	if rep.Rebuilt {
		state = "built (" + rep.Reason + ")"
	}
	var w strings.Builder
	fmt.Fprintf(&w, "corpus:    %s\n", eng.Corpus().Name)
	fmt.Fprintf(&w, "documents: %d\n", len(eng.Corpus().Documents))
	fmt.Fprintf(&w, "passages:  %d\n", eng.Index().Len())
	fmt.Fprintf(&w, "events:    %d\n", len(eng.Events()))
	fmt.Fprintf(&w, "embedder:  %s\n", eng.Index().EmbedderID())
	fmt.Fprintf(&w, "index:     %s in %s\n", state, rep.Duration.Round(1e5))
	if s := changeSummary(rep.Update); rep.Rebuilt && s != "" {
		fmt.Fprintf(&w, "changes:   %s\n", s)
	}
	if rep.SaveErr != nil {
		if _, err := io.WriteString(e.stdout, termSafe(w.String())); err != nil {
			return err
		}
		return fmt.Errorf("the index was built but could not be stored in %s: %w", rep.Dir, rep.SaveErr)
	}
	fmt.Fprintf(&w, "stored in: %s\n", rep.Dir)
	_, err = io.WriteString(e.stdout, termSafe(w.String()))
	return err
}
