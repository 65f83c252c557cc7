package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"
)

// maxLineBytes bounds a line chat reads from standard input; a longer line
// is refused and skipped, and the session goes on.
const maxLineBytes = 1 << 20

// Errors of lineReader.ReadLine besides io.EOF, which ends the session.
var (
	// errLineTooLong: the line was over maxLineBytes; it was skipped.
	errLineTooLong = errors.New("line too long")
	// errLineCancelled: Ctrl-C on a line being typed; the line is dropped.
	errLineCancelled = errors.New("line cancelled")
	// errInterruptEmpty: Ctrl-C on an empty line.
	errInterruptEmpty = errors.New("interrupt on an empty line")
)

// lineReader reads chat's input one line at a time.
type lineReader interface {
	ReadLine() (string, error)
}

// plainLines reads lines from a pipe or file, each at most maxLineBytes.
type plainLines struct {
	r   *bufio.Reader
	max int
}

var _ lineReader = (*plainLines)(nil)

func newPlainLines(r io.Reader) *plainLines {
	return &plainLines{r: bufio.NewReaderSize(r, 64*1024), max: maxLineBytes}
}

// ReadLine returns the next line without its line ending, errLineTooLong
// (the line is skipped) or io.EOF. Memory stays within max.
func (p *plainLines) ReadLine() (string, error) {
	var line []byte
	for {
		chunk, err := p.r.ReadSlice('\n')
		if len(line)+len(chunk) > p.max+2 { // room for "\r\n"
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = p.r.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return "", err
			}
			return "", errLineTooLong
		}
		line = append(line, chunk...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) == 0:
			return "", io.EOF
		case err != nil && !errors.Is(err, io.EOF):
			return "", err
		}
		s := strings.TrimSuffix(strings.TrimSuffix(string(line), "\n"), "\r")
		if len(s) > p.max {
			return "", errLineTooLong
		}
		return s, nil
	}
}

// lineEditor reads lines from a terminal with editing (arrows, Home/End,
// Ctrl-A/E/K/U/W) and history (up and down), through golang.org/x/term's
// Terminal. Ctrl-C drops the line being typed (errLineCancelled) or, on an
// empty line, returns errInterruptEmpty; Ctrl-D on an empty line returns
// io.EOF. The terminal is in raw mode only while a line is read, so Ctrl-C
// during an answer is a signal (SIGINT) as usual.
type lineEditor struct {
	in      *ctrlCReader
	out     io.Writer
	prompt  string
	history term.History
	// raw puts the terminal in raw mode and returns the restore function;
	// size returns its width and height. Both are nil on a fake console.
	raw  func() (restore func() error, err error)
	size func() (w, h int, err error)

	mu      sync.Mutex
	restore func() error
	closed  bool

	// atCtrlC is the line as it was when Ctrl-C was pressed.
	atCtrlC string
}

var _ lineReader = (*lineEditor)(nil)

// newTerminalEditor edits lines on the terminal f (standard input), writing
// to out (standard output, also a terminal).
func newTerminalEditor(f *os.File, out io.Writer, prompt string, h term.History) *lineEditor {
	fd := int(f.Fd())
	ed := newLineEditor(f, out, prompt, h)
	ed.raw = func() (func() error, error) {
		st, err := term.MakeRaw(fd)
		if err != nil {
			return nil, err
		}
		return func() error { return term.Restore(fd, st) }, nil
	}
	ed.size = func() (int, int, error) { return term.GetSize(fd) }
	return ed
}

func newLineEditor(in io.Reader, out io.Writer, prompt string, h term.History) *lineEditor {
	return &lineEditor{in: &ctrlCReader{r: in}, out: out, prompt: prompt, history: h}
}

// ReadLine reads one edited line.
func (ed *lineEditor) ReadLine() (string, error) {
	if ed.raw != nil {
		if err := ed.enterRaw(); err != nil {
			return "", err
		}
		defer ed.leaveRaw()
	}
	// A fresh Terminal for each line: its state starts clean after Ctrl-C;
	// the history lives on in ed.history.
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{ed.in, ed.out}, ed.prompt)
	t.History = ed.history
	if ed.size != nil {
		if w, h, err := ed.size(); err == nil {
			_ = t.SetSize(w, h)
		}
	}
	t.AutoCompleteCallback = func(line string, pos int, key rune) (string, int, bool) {
		if key != ctrlCMarker {
			return "", 0, false
		}
		ed.atCtrlC = line
		return line, len(line), true
	}
	line, err := t.ReadLine()
	if errors.Is(err, io.EOF) && ed.in.takeCtrlC() {
		typed := ed.atCtrlC
		ed.atCtrlC = ""
		io.WriteString(ed.out, "^C\r\n")
		if typed == "" {
			return "", errInterruptEmpty
		}
		return "", errLineCancelled
	}
	if errors.Is(err, io.EOF) {
		io.WriteString(ed.out, "\r\n")
	}
	return line, err
}

func (ed *lineEditor) enterRaw() error {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	if ed.closed {
		return io.EOF
	}
	restore, err := ed.raw()
	ed.restore = restore
	return err
}

func (ed *lineEditor) leaveRaw() error {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	if ed.restore == nil {
		return nil
	}
	err := ed.restore()
	ed.restore = nil
	return err
}

// Close leaves raw mode if the terminal is in it, for good: a later
// ReadLine returns io.EOF. It may be called from another goroutine than
// ReadLine's.
func (ed *lineEditor) Close() error {
	err := ed.leaveRaw()
	ed.mu.Lock()
	ed.closed = true
	ed.mu.Unlock()
	return err
}

// ctrlCMarker is a private-use character that ctrlCReader inserts before
// each Ctrl-C, so that the Terminal's AutoCompleteCallback sees the line as
// it was when Ctrl-C was pressed (x/term returns io.EOF for Ctrl-C, as for
// Ctrl-D, and does not say what was typed).
const ctrlCMarker = '\uF8FF'

// ctrlCReader passes a terminal's input on, turning each Ctrl-C into Ctrl-E
// (end of line, so "^C" is written after the text), the marker, and the
// Ctrl-C itself. Each read ends at a Ctrl-C or a line end, so that the
// Terminal, which is made anew for each line, never holds input typed (or
// pasted) after the line it returns.
type ctrlCReader struct {
	r       io.Reader
	pending []byte
	buf     [256]byte
	ctrlC   bool // a Ctrl-C was passed on and not yet taken
}

func (c *ctrlCReader) Read(p []byte) (int, error) {
	if len(c.pending) == 0 {
		n, err := c.r.Read(c.buf[:])
		if n == 0 {
			return 0, err
		}
		for _, b := range c.buf[:n] {
			if b == 3 {
				c.pending = append(c.pending, 5)
				c.pending = append(c.pending, string(ctrlCMarker)...)
			}
			c.pending = append(c.pending, b)
		}
	}
	end := len(c.pending)
	if i := bytes.IndexAny(c.pending, "\x03\r\n"); i >= 0 {
		end = i + 1
		if c.pending[i] == '\r' && end < len(c.pending) && c.pending[end] == '\n' {
			end++
		}
	}
	n := copy(p, c.pending[:end])
	if n > 0 && c.pending[n-1] == 3 {
		c.ctrlC = true
	}
	c.pending = c.pending[n:]
	return n, nil
}

// takeCtrlC reports whether a Ctrl-C was read since the last call.
func (c *ctrlCReader) takeCtrlC() bool {
	was := c.ctrlC
	c.ctrlC = false
	return was
}
