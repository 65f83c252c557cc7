// Package tablefile stores sorted key-tab-value lines as independently
// compressed chunks with an index of each chunk's first key, so that a
// lookup decompresses only the chunk that holds its key. The lexicon's
// table is one: decompressing all of it cost every process 40 ms on its
// first question; a chunk costs a fraction of a millisecond.
//
// Layout: the magic line, a uvarint chunk count, then per chunk a uvarint
// offset and length (into the data after the index) and the first key
// (uvarint length and bytes); then the chunks, each raw DEFLATE of its lines,
// each line ending in '\n'.
package tablefile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

const magic = "citebot-table-1\n"

// Encode stores lines, which must be sorted by key (the text before the
// first tab) with unique keys, in chunks of about chunkBytes.
func Encode(lines []string, chunkBytes int) ([]byte, error) {
	type chunk struct {
		first string
		data  []byte
	}
	var chunks []chunk
	var cur bytes.Buffer
	first, prev := "", ""
	flush := func() error {
		if cur.Len() == 0 {
			return nil
		}
		var z bytes.Buffer
		w, err := flate.NewWriter(&z, flate.BestCompression)
		if err != nil {
			return err
		}
		if _, err := w.Write(cur.Bytes()); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		chunks = append(chunks, chunk{first, z.Bytes()})
		cur.Reset()
		return nil
	}
	for i, line := range lines {
		key, _, _ := strings.Cut(line, "\t")
		if strings.Contains(line, "\n") || i > 0 && key <= prev {
			return nil, fmt.Errorf("line %d (%.40q): keys must be unique, sorted and on one line", i+1, line)
		}
		prev = key
		if cur.Len() == 0 {
			first = key
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if cur.Len() >= chunkBytes {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	out := []byte(magic)
	out = binary.AppendUvarint(out, uint64(len(chunks)))
	off := 0
	for _, c := range chunks {
		out = binary.AppendUvarint(out, uint64(off))
		out = binary.AppendUvarint(out, uint64(len(c.data)))
		out = binary.AppendUvarint(out, uint64(len(c.first)))
		out = append(out, c.first...)
		off += len(c.data)
	}
	for _, c := range chunks {
		out = append(out, c.data...)
	}
	return out, nil
}

// File is an encoded table opened for lookups. It is safe for concurrent
// use.
type File struct {
	data   []byte // the chunks
	chunks []chunk
}

type chunk struct {
	first    string
	off, len int
	once     sync.Once
	text     string
	lines    []int // start of each line in text
	err      error
}

// ErrCorrupt is returned for data that is not an encoded table.
var ErrCorrupt = errors.New("corrupt table file")

// Open reads the index of an encoded table; chunks are decompressed when
// first looked into.
func Open(data []byte) (*File, error) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return nil, ErrCorrupt
	}
	next := func() (int, bool) {
		v, n := binary.Uvarint(rest)
		if n <= 0 || v > uint64(len(data)) {
			return 0, false
		}
		rest = rest[n:]
		return int(v), true
	}
	n, ok := next()
	if !ok {
		return nil, ErrCorrupt
	}
	f := &File{chunks: make([]chunk, n)}
	for i := range f.chunks {
		c := &f.chunks[i]
		var okOff, okLen, okKey bool
		c.off, okOff = next()
		c.len, okLen = next()
		var kl int
		kl, okKey = next()
		if !okOff || !okLen || !okKey || kl > len(rest) {
			return nil, ErrCorrupt
		}
		c.first = string(rest[:kl])
		rest = rest[kl:]
		if i > 0 && c.first <= f.chunks[i-1].first {
			return nil, ErrCorrupt
		}
	}
	f.data = rest
	for i := range f.chunks {
		if c := &f.chunks[i]; c.off+c.len > len(f.data) {
			return nil, ErrCorrupt
		}
	}
	return f, nil
}

// Lookup returns the line whose key is key, without its trailing newline.
func (f *File) Lookup(key string) (string, bool, error) {
	c, j, err := f.find(key)
	if err != nil || c == nil || j == len(c.lines) || c.key(j) != key {
		return "", false, err
	}
	return c.line(j), true, nil
}

// HasPrefix reports whether some key starts with prefix.
func (f *File) HasPrefix(prefix string) (bool, error) {
	c, j, err := f.find(prefix)
	switch {
	case err != nil:
		return false, err
	case c != nil && j < len(c.lines):
		return strings.HasPrefix(c.key(j), prefix), nil
	}
	// Past the end of its chunk (or before the first): the next chunk's
	// first key is the first key ≥ prefix.
	i := sort.Search(len(f.chunks), func(i int) bool { return f.chunks[i].first > prefix })
	return i < len(f.chunks) && strings.HasPrefix(f.chunks[i].first, prefix), nil
}

// find returns the chunk that would hold key and the index of the first of
// its lines whose key is ≥ key; nil when key sorts before every chunk.
func (f *File) find(key string) (*chunk, int, error) {
	i := sort.Search(len(f.chunks), func(i int) bool { return f.chunks[i].first > key }) - 1
	if i < 0 {
		return nil, 0, nil
	}
	c := &f.chunks[i]
	c.once.Do(func() { c.err = c.load(f.data) })
	if c.err != nil {
		return nil, 0, c.err
	}
	return c, sort.Search(len(c.lines), func(j int) bool { return c.key(j) >= key }), nil
}

// Each calls fn with every line in order, for tests and tools.
func (f *File) Each(fn func(line string)) error {
	for i := range f.chunks {
		c := &f.chunks[i]
		c.once.Do(func() { c.err = c.load(f.data) })
		if c.err != nil {
			return c.err
		}
		for j := range c.lines {
			fn(c.line(j))
		}
	}
	return nil
}

func (c *chunk) load(data []byte) error {
	r := flate.NewReader(bytes.NewReader(data[c.off : c.off+c.len]))
	raw, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%w: chunk at %q: %v", ErrCorrupt, c.first, err)
	}
	c.text = string(raw)
	for off := 0; off < len(c.text); {
		end := strings.IndexByte(c.text[off:], '\n')
		if end < 0 {
			return fmt.Errorf("%w: chunk at %q: unterminated line", ErrCorrupt, c.first)
		}
		c.lines = append(c.lines, off)
		off += end + 1
	}
	if len(c.lines) == 0 || c.key(0) != c.first {
		return fmt.Errorf("%w: chunk at %q: first key differs", ErrCorrupt, c.first)
	}
	return nil
}

func (c *chunk) line(j int) string {
	end := len(c.text)
	if j+1 < len(c.lines) {
		end = c.lines[j+1]
	}
	return c.text[c.lines[j] : end-1]
}

func (c *chunk) key(j int) string {
	k, _, _ := strings.Cut(c.line(j), "\t")
	return k
}
