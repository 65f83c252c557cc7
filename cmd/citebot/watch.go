package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/retrieval"
)

// watchCorpus follows the --corpus folder for serve and chat, so that
// changed documents are answered from without a restart; each update is
// told by say. It returns the function that stops watching, or nil for the
// built-in corpus or when the folder cannot be watched (then logged).
func watchCorpus(ctx context.Context, g *globals, e env, eng *engine.Engine, say func(engine.Update, error)) func() {
	if g.Corpus == "" {
		return nil
	}
	w, err := eng.Watch(ctx, engine.DefaultDebounce, say)
	if err != nil {
		e.logger.Warn("not watching the corpus folder for changes; restart to see them", slog.String("err", err.Error()))
		return nil
	}
	return w.Close
}

// changeSummary says how the index was brought up to date, e.g. "3
// documents changed, 41 passages re-embedded, 12,004 kept"; "" when every
// passage was embedded.
func changeSummary(u retrieval.UpdateStats) string {
	if !u.Incremental {
		return ""
	}
	docs := "documents"
	if u.Documents() == 1 {
		docs = "document"
	}
	passages := "passages"
	if u.Reembedded == 1 {
		passages = "passage"
	}
	return fmt.Sprintf("%s %s changed, %s %s re-embedded, %s kept", thousands(u.Documents()), docs, thousands(u.Reembedded), passages, thousands(u.Kept))
}

// updateLine is a corpus update for people: "corpus updated: added a.md;
// changed b.md (1 document changed, …)".
func updateLine(u engine.Update) string {
	var parts []string
	for _, l := range []struct {
		verb  string
		paths []string
	}{{"added", u.Added}, {"changed", u.Changed}, {"removed", u.Removed}} {
		if len(l.paths) == 0 {
			continue
		}
		shown := l.paths[:min(len(l.paths), 5)]
		s := l.verb + " " + strings.Join(shown, ", ")
		if n := len(l.paths) - len(shown); n > 0 {
			s += fmt.Sprintf(" and %s more", thousands(n))
		}
		parts = append(parts, s)
	}
	line := "corpus updated: " + strings.Join(parts, "; ")
	if s := changeSummary(u.Report.Update); s != "" {
		line += " (" + s + ")"
	}
	return termSafe(line)
}

// logUpdate logs a corpus update for serve, with the warnings of the files
// added or changed.
func logUpdate(log *slog.Logger, u engine.Update, err error) {
	if err != nil {
		log.Warn("corpus update failed; answering from the documents as they were", slog.String("err", err.Error()))
		return
	}
	st := u.Report.Update
	log.Info(updateLine(u), slog.Int("passages", len(u.Corpus.Passages)),
		slog.Int("re_embedded", st.Reembedded), slog.Int("kept", st.Kept), slog.Duration("took", u.Report.Duration))
	touched := append(slices.Clone(u.Added), u.Changed...)
	for _, w := range u.Corpus.Warnings {
		if slices.Contains(touched, w.Path) {
			log.Warn("document read with a problem", slog.String("file", w.Path), slog.String("problem", w.Message))
		}
	}
	if u.Report.SaveErr != nil {
		log.Warn("could not store the updated index; it is used from memory and rebuilt at the next start", slog.String("err", u.Report.SaveErr.Error()))
	}
}

// printUpdate tells a chat user on stderr that the corpus changed.
func printUpdate(e env, u engine.Update, err error) {
	if err != nil {
		fmt.Fprintf(e.stderr, "citebot: warning: %s; answering from the documents as they were\n", termSafe(err.Error()))
		return
	}
	fmt.Fprintf(e.stderr, "citebot: %s\n", updateLine(u))
	if u.Report.SaveErr != nil {
		fmt.Fprintf(e.stderr, "citebot: warning: could not store the updated index (%v)\n", u.Report.SaveErr)
	}
}
