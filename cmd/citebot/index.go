package main

import (
	"context"
	"fmt"
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
	fmt.Fprintf(e.stdout, "corpus:    %s\n", eng.Corpus().Name)
	fmt.Fprintf(e.stdout, "documents: %d\n", len(eng.Corpus().Documents))
	fmt.Fprintf(e.stdout, "passages:  %d\n", eng.Index().Len())
	fmt.Fprintf(e.stdout, "events:    %d\n", len(eng.Events()))
	fmt.Fprintf(e.stdout, "embedder:  %s\n", eng.Index().EmbedderID())
	fmt.Fprintf(e.stdout, "index:     %s in %s\n", state, rep.Duration.Round(1e5))
	if rep.SaveErr != nil {
		return fmt.Errorf("the index was built but could not be stored in %s: %w", rep.Dir, rep.SaveErr)
	}
	fmt.Fprintf(e.stdout, "stored in: %s\n", rep.Dir)
	return nil
}
