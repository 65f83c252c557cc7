package main

import (
	"bufio"
	"os"
	"strings"

	"golang.org/x/term"
)

// historyLines is how many questions chat's history keeps.
const historyLines = 500

// fileHistory is chat's question history, kept in a file of the data
// folder, one question a line, newest last. When the file cannot be read or
// written the history still works for the session.
type fileHistory struct {
	path    string
	entries []string // oldest first
}

var _ term.History = (*fileHistory)(nil)

// loadHistory reads the history file at path; a missing file is an empty
// history. A file grown past twice the limit is rewritten with the newest.
func loadHistory(path string) *fileHistory {
	h := &fileHistory{path: path}
	f, err := os.Open(path)
	if err != nil {
		return h
	}
	total := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 64*1024)
	for sc.Scan() {
		if line := sc.Text(); strings.TrimSpace(line) != "" {
			h.entries = append(h.entries, line)
			total++
			if len(h.entries) > 2*historyLines {
				h.entries = append(h.entries[:0], h.entries[len(h.entries)-historyLines:]...)
			}
		}
	}
	f.Close()
	if len(h.entries) > historyLines {
		h.entries = h.entries[len(h.entries)-historyLines:]
	}
	if total > 2*historyLines {
		h.rewrite()
	}
	return h
}

// Add appends a question, skipping blank lines, exit commands and a repeat
// of the newest entry.
func (h *fileHistory) Add(entry string) {
	entry = strings.TrimSpace(entry)
	switch {
	case entry == "", strings.EqualFold(entry, "exit"), strings.EqualFold(entry, "quit"), strings.ContainsAny(entry, "\r\n"):
		return
	case len(h.entries) > 0 && h.entries[len(h.entries)-1] == entry:
		return
	}
	h.entries = append(h.entries, entry)
	if len(h.entries) > historyLines {
		h.entries = h.entries[len(h.entries)-historyLines:]
	}
	if f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err == nil {
		f.WriteString(entry + "\n")
		f.Close()
	}
}

// Len is the number of entries.
func (h *fileHistory) Len() int { return len(h.entries) }

// At returns the entry idx steps back: 0 is the newest.
func (h *fileHistory) At(idx int) string { return h.entries[len(h.entries)-1-idx] }

// rewrite replaces the file with the entries kept, atomically.
func (h *fileHistory) rewrite() {
	tmp := h.path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(h.entries, "\n")+"\n"), 0o600); err != nil {
		return
	}
	if err := os.Rename(tmp, h.path); err != nil {
		os.Remove(tmp)
	}
}
