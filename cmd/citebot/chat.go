package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/engine"
)

// maxTurns bounds the history a chat sends with a follow-up question.
const maxTurns = 3

// historyFile is chat's question history, in the data folder.
const historyFile = "chat_history"

type chatCmd struct {
	K int `name:"k" default:"5" help:"Number of passages to retrieve (1-50)."`
}

// Run reads questions line by line until "exit", "quit", Ctrl-D (end of
// input) or a second Ctrl-C on an empty line. On a terminal, lines can be
// edited and earlier questions recalled with the arrow keys; Ctrl-C drops
// the line being typed. Ctrl-C while an answer is being written cancels
// that answer only. When standard input is not a terminal, Ctrl-C while
// waiting for input ends the session.
func (c *chatCmd) Run(ctx context.Context, g *globals, e env) error {
	if c.K < 1 || c.K > maxK {
		return usagef("--k must be between 1 and %d, not %d", maxK, c.K)
	}
	eng, err := g.open(ctx, e)
	if err != nil {
		return err
	}
	if stop := watchCorpus(ctx, g, e, eng, func(u engine.Update, err error) { printUpdate(e, u, err) }); stop != nil {
		defer stop()
	}
	var lines lineReader = newPlainLines(e.stdin)
	prompt := ""
	if e.tty {
		prompt = "> "
	}
	if e.console != nil {
		dir, err := g.dataDir()
		if err != nil {
			return err
		}
		ed := newTerminalEditor(e.console, e.stdout, "> ", loadHistory(filepath.Join(dir, historyFile)))
		defer ed.Close()
		lines, prompt = ed, ""
		fmt.Fprintf(e.stdout, "Ask about %s. Up and down recall questions; Ctrl-C cancels; 'exit' or Ctrl-D quits.\n", termSafe(eng.Corpus().Name))
	} else if e.tty {
		fmt.Fprintf(e.stdout, "Ask about %s. Type 'exit' or press Ctrl-D to quit.\n", termSafe(eng.Corpus().Name))
	}
	var history []answer.Turn
	interruptedOnEmpty := false
	for {
		fmt.Fprint(e.stdout, prompt)
		line, err := readLine(ctx, lines)
		switch {
		case errors.Is(err, errLineCancelled):
			interruptedOnEmpty = false
			continue
		case errors.Is(err, errInterruptEmpty):
			if interruptedOnEmpty {
				return nil
			}
			interruptedOnEmpty = true
			fmt.Fprintln(e.stdout, "(To quit, press Ctrl-C again or Ctrl-D, or type exit.)")
			continue
		case errors.Is(err, errLineTooLong):
			fmt.Fprintf(e.stdout, "That line is over %s bytes; it was skipped. Ask a shorter question.\n\n", thousands(maxLineBytes))
			continue
		case errors.Is(err, io.EOF), ctx.Err() != nil:
			if prompt != "" {
				fmt.Fprintln(e.stdout)
			}
			return nil
		case err != nil:
			return err
		}
		interruptedOnEmpty = false
		line = strings.TrimSpace(line)
		switch strings.ToLower(line) {
		case "":
			continue
		case "exit", "quit":
			return nil
		}
		q, err := checkQuestion(line)
		if err != nil {
			fmt.Fprintf(e.stdout, "%v\n\n", err)
			continue
		}
		res, cancelled, err := c.ask(ctx, e, eng, engine.Request{Question: q, K: c.K, History: history})
		switch {
		case ctx.Err() != nil:
			return nil
		case cancelled:
			fmt.Fprint(e.stdout, "\n(cancelled)\n\n")
			continue
		case err != nil:
			fmt.Fprintf(e.stdout, "Sorry, that failed: %s\n\n", termSafe(err.Error()))
			continue
		}
		fmt.Fprintln(e.stdout)
		history = append(history, res.Answer.Turn(q))
		if len(history) > maxTurns {
			history = history[len(history)-maxTurns:]
		}
	}
}

// ask answers one question and prints the answer. Ctrl-C meanwhile cancels
// this answer only; cancelled reports that it did.
func (c *chatCmd) ask(ctx context.Context, e env, eng *engine.Engine, req engine.Request) (res engine.Result, cancelled bool, err error) {
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	if e.interrupts != nil {
		defer e.interrupts.route(cancel)()
	}
	streamed := false
	if e.tty {
		req.Stream = func(chunk string) { streamed = true; fmt.Fprint(e.stdout, termSafe(chunk)) }
	}
	res, err = eng.Ask(actx, req)
	if err != nil {
		return res, actx.Err() != nil && ctx.Err() == nil, err
	}
	printAnswer(e.stdout, res, streamed)
	return res, false, nil
}

// readLine reads a line, or returns ctx's error as soon as ctx is done
// (Ctrl-C while waiting for input on a pipe, or SIGTERM). The reading
// goroutine ends with the read; a read blocked on standard input ends with
// the process.
func readLine(ctx context.Context, lines lineReader) (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := lines.ReadLine()
		ch <- result{line, err}
	}()
	select {
	case r := <-ch:
		return r.line, r.err
	case <-ctx.Done():
		if ed, ok := lines.(*lineEditor); ok {
			ed.Close()
		}
		return "", ctx.Err()
	}
}
