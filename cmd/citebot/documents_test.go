package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// A new user's own folder, as saved by various editors: a Windows "Unicode"
// (UTF-16) file, an old-Mac file with CR line ends, a Markdown file with
// front matter and a code block, and a document that is one long line. All
// are read, and the timeline holds the prose's dates only.
func TestOwnDocumentsOfEveryShape(t *testing.T) {
	dir := t.TempDir()
	utf16LE := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune("Mill history\r\n\r\nThe Greystone mill was founded in 1887 by Ada Moss.\r\n\r\nIt closed in 1921.")) {
		utf16LE = append(utf16LE, byte(u), byte(u>>8))
	}
	oneLine := strings.Repeat("The keeper logged the weather at dusk and at dawn. ", 4000) + "The lamp was first lit on 3 May 1874."
	files := map[string][]byte{
		"windows.txt": utf16LE,
		"mac.txt":     []byte("Ferry notes\r\rThe ferry first sailed in 1902.\r\rIt sank in 1934."),
		"notes.md":    []byte("---\ntitle: Notes\ndate: 2020-05-01\n---\n\n# Notes\n\nThe harbour opened in 1850.\n\n```python\nstart = '2024-01-01'\n\nprint(start)\n```\n\nSmith (2005) argues that trade grew.\n"),
		"keeper.txt":  []byte(oneLine),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	code, out, errOut := runCLI(t, "", "index", "--corpus", dir, "--data", data)
	if code != 0 || strings.Contains(errOut, "skipped") {
		t.Fatalf("index: exit %d\n%s\n%s", code, out, errOut)
	}

	code, out, errOut = runCLI(t, "", "timeline", "--json", "--corpus", dir, "--data", data)
	if code != 0 {
		t.Fatalf("timeline: exit %d: %s", code, errOut)
	}
	var got struct {
		Events []struct{ Start, Label, ID string } `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var events []string
	for _, e := range got.Events {
		events = append(events, e.Start+" "+e.ID)
	}
	want := []string{"1850 notes.md#1", "1874-05-03 keeper.txt#", "1887 windows.txt#1", "1902 mac.txt#1", "1921 windows.txt#2", "1934 mac.txt#2"}
	if len(events) != len(want) {
		t.Fatalf("events %q, want %q", events, want)
	}
	for i, w := range want {
		if !strings.HasPrefix(events[i], w) {
			t.Fatalf("events %q, want %q", events, want)
		}
	}
}
