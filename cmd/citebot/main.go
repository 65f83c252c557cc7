// Command citebot answers questions from a set of documents and cites the
// passages each answer stands on. See `citebot help`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"reflect"
	"syscall"

	"github.com/alecthomas/kong"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// cli is the command line: global settings, then one command.
type cli struct {
	globals
	Ask      askCmd      `cmd:"" help:"Answer a question with cited passages."`
	Chat     chatCmd     `cmd:"" help:"Ask questions interactively, with line editing and history; Ctrl-C cancels, 'exit' or Ctrl-D quits."`
	Index    indexCmd    `cmd:"" help:"Build or refresh the stored index and report counts and time."`
	Eval     evalCmd     `cmd:"" help:"Measure answer quality on a JSONL question file."`
	Timeline timelineCmd `cmd:"" help:"List dated events from the documents in chronological order."`
	Serve    serveCmd    `cmd:"" help:"Run the Discord bot (needs DISCORD_TOKEN)."`
	Feedback feedbackCmd `cmd:"" help:"Report the Discord votes and the unanswered questions."`
	Help     helpCmd     `cmd:"" help:"Show help for citebot or one of its commands."`
}

// globals are settings every command takes; each also reads an environment
// variable (or the .env file in the working folder).
type globals struct {
	Version kong.VersionFlag `group:"global" help:"Print the version (module version, VCS revision) and exit."`
	Corpus  string           `group:"global" help:"Folder of .txt/.md documents to use instead of the built-in corpus." env:"CITEBOT_CORPUS" placeholder:"DIR"`
	Data    string           `group:"global" help:"Folder for the stored index (default: <user cache dir>/citebot)." env:"CITEBOT_DATA" placeholder:"DIR"`
	backendFlags
}

// usageError is a mistake in how citebot was called; it exits with code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env is what a command needs from the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// logger receives diagnostics (LLM fallbacks, Discord events) on stderr,
	// at logLevel: warnings by default (info for serve), else
	// CITEBOT_LOG_LEVEL, or debug with CITEBOT_DEBUG; as text or JSON lines
	// (CITEBOT_LOG_FORMAT).
	logger   *slog.Logger
	logLevel *slog.LevelVar
	// logLevelFixed is true when CITEBOT_LOG_LEVEL or CITEBOT_DEBUG chose
	// the level, which serve then keeps.
	logLevelFixed bool
	// tty is true when stdout is a terminal (streaming, progress bars).
	tty bool
	// console is standard input when it and stdout are terminals: chat
	// edits lines on it. Nil otherwise.
	console *os.File
	// interrupts delivers Ctrl-C (SIGINT). run routes it to the command's
	// cancel; chat routes it to the answer being written. Nil in tests that
	// send none.
	interrupts *interrupts
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, tty: isTerminal(os.Stdout), interrupts: &interrupts{exit: func() { os.Exit(130) }}}
	if e.tty && isTerminal(os.Stdin) {
		e.console = os.Stdin
	}
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	go func() { // lives as long as the process
		for range sigint {
			e.interrupts.interrupt()
		}
	}()
	code := run(ctx, os.Args[1:], e)
	stop()
	os.Exit(code)
}

// run parses args, runs the command and returns the exit code.
func run(ctx context.Context, args []string, e env) int {
	// A .env file in the working folder supplies settings the environment
	// lacks; real environment variables win.
	fromDotEnv, err := loadDotEnv(e.stderr)
	if err != nil {
		fmt.Fprintf(e.stderr, "citebot: reading .env: %v\n", err)
		return exitUsage
	}
	if e.logger == nil {
		e.logger, e.logLevel, e.logLevelFixed, err = newLogger(e.stderr, logSettings{
			format: os.Getenv("CITEBOT_LOG_FORMAT"), level: os.Getenv("CITEBOT_LOG_LEVEL"), debug: os.Getenv("CITEBOT_DEBUG") != ""})
		if err != nil {
			fmt.Fprintf(e.stderr, "citebot: %v\n", err)
			return exitUsage
		}
	}
	if len(args) == 0 {
		args = []string{"--help"}
	}
	var c cli
	exited := -1
	parser, err := kong.New(&c,
		kong.Name("citebot"),
		kong.Description("Answers questions from your documents, citing the passages it stands on.\nWith no --corpus it uses the built-in corpus (China–Kazakhstan relations)."),
		kong.Writers(e.stdout, e.stderr),
		kong.Exit(func(code int) { exited = code }),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.ExplicitGroups(flagGroups),
		kong.TypeMapper(reflect.TypeFor[int](), newSignedInts()),
		kong.Vars{"version": version()},
	)
	if err != nil {
		fmt.Fprintf(e.stderr, "citebot: %v\n", err)
		return exitFailure
	}
	kctx, err := parser.Parse(args)
	if exited >= 0 {
		return exited // --help was printed
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "citebot: %v\n", err)
		return exitUsage
	}
	if c.Help.parser == nil {
		c.Help.parser = parser
	}
	c.origins = origins{dotEnv: fromDotEnv, flags: commandLineFlags(kctx)}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if e.interrupts != nil {
		// The first Ctrl-C cancels the command; a second, when the command
		// has not ended (blocked on a lock, say), ends the process.
		defer e.interrupts.route(func() {
			if ctx.Err() != nil && e.interrupts.exit != nil {
				e.interrupts.exit()
			}
			cancel()
		})()
	}
	kctx.BindTo(ctx, (*context.Context)(nil))
	err = kctx.Run(&c.globals, e)
	if exited >= 0 {
		return exited
	}
	return report(e.stderr, err)
}

// report prints err for people and returns the exit code.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "citebot: %s\nRun 'citebot help' for usage.\n", termSafe(err.Error()))
		return exitUsage
	}
	fmt.Fprintf(stderr, "citebot: %s\n", termSafe(err.Error()))
	return exitFailure
}

// helpCmd prints help for citebot or for one command.
type helpCmd struct {
	Command []string `arg:"" optional:"" help:"The command to explain."`
	parser  *kong.Kong
}

// Run prints the help.
func (h *helpCmd) Run(e env) error {
	args := append(append([]string{}, h.Command...), "--help")
	if _, err := h.parser.Parse(args); err != nil {
		return usagef("%v", err)
	}
	return nil
}
