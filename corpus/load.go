package corpus

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

//go:embed builtin/china-kazakhstan-relations.txt
var builtinFS embed.FS

// BuiltinName names the corpus shipped inside the binary.
const BuiltinName = "built-in: china-kazakhstan-relations.txt"

// ErrNoDocuments is returned when a folder holds no usable document.
var ErrNoDocuments = errors.New("no usable .txt, .md, .html or .pdf documents")

// Corpus is a loaded set of documents and their passages.
type Corpus struct {
	// Name says where the documents came from: BuiltinName or a folder path.
	Name      string
	Documents []Document
	Passages  []Passage
	// Skipped lists files that were left out, each with the reason.
	Skipped []Skipped
	// Warnings lists problems in files that were read all the same (front
	// matter that is not YAML, HTML that is not well-formed, PDF pages that
	// could not be read), each with what was done.
	Warnings []Warning
}

// Warning is a problem found in a file (or in ConfigFile) that was read.
type Warning struct {
	Path    string
	Message string
}

// Skipped is a file that was not loaded.
type Skipped struct {
	Path   string
	Reason string
}

// Builtin returns the corpus shipped inside the binary.
func Builtin() *Corpus {
	data, err := builtinFS.ReadFile("builtin/china-kazakhstan-relations.txt")
	if err != nil {
		panic("corpus: built-in corpus missing from the binary: " + err.Error())
	}
	return New(BuiltinName, []Document{{Path: "china-kazakhstan-relations.txt", Text: string(data)}})
}

// New builds a corpus from documents already in memory, in the given order.
func New(name string, docs []Document) *Corpus {
	c := &Corpus{Name: name, Documents: docs}
	for _, d := range docs {
		ps, warns := d.chunk()
		c.Passages = append(c.Passages, ps...)
		for _, w := range warns {
			c.Warnings = append(c.Warnings, Warning{Path: d.Path, Message: w})
		}
	}
	return c
}

// LoadDir loads every .txt, .md (.markdown), .html (.htm) and .pdf file
// under dir, recursively, in sorted path order, and reads links from the
// ConfigFile at its root. The corpus is named by dir made absolute with symbolic links
// resolved (dir itself may be a link to a folder); symbolic links inside it
// are not followed. Files are UTF-8, or UTF-16 with a byte order mark.
// Files with other extensions, binary files and files in other encodings
// are skipped and listed in
// Skipped; hidden files and folders (".git") are ignored silently. It fails
// when dir is missing or not a folder, and wraps ErrNoDocuments when nothing
// usable remains.
func LoadDir(dir string) (*Corpus, error) {
	dir, err := resolveDir(dir)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus folder %s: not a folder", dir)
	}
	var docs []Document
	var skipped []Skipped
	var warnings []Warning
	cfg, cfgWarns := readConfig(dir)
	for _, w := range cfgWarns {
		warnings = append(warnings, Warning{Path: ConfigFile, Message: w})
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			skipped = append(skipped, Skipped{Path: path, Reason: err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			skipped = append(skipped, Skipped{Path: rel, Reason: "symbolic link not followed"})
			return nil
		}
		if !d.Type().IsRegular() {
			skipped = append(skipped, Skipped{Path: rel, Reason: "not a regular file"})
			return nil
		}
		if rel == ConfigFile {
			return nil
		}
		if _, ok := formats[strings.ToLower(filepath.Ext(path))]; !ok {
			skipped = append(skipped, Skipped{Path: rel, Reason: "not a .txt, .md, .html or .pdf file"})
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			skipped = append(skipped, Skipped{Path: rel, Reason: err.Error()})
			return nil
		}
		doc := Document{Path: rel, URL: cfg.PageURL(rel)}
		if isPDF(rel) {
			title, text, warns, reason := extractPDF(data)
			if reason != "" {
				skipped = append(skipped, Skipped{Path: rel, Reason: reason})
				return nil
			}
			for _, w := range warns {
				warnings = append(warnings, Warning{Path: rel, Message: w})
			}
			doc.Text, doc.MetaTitle = text, title
		} else {
			text, reason := decodeText(data)
			if reason != "" {
				skipped = append(skipped, Skipped{Path: rel, Reason: reason})
				return nil
			}
			doc.Text = text
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	c := New(dir, docs)
	c.Skipped = skipped
	c.Warnings = append(warnings, c.Warnings...)
	if len(c.Passages) == 0 {
		return c, fmt.Errorf("corpus folder %s: %w", dir, ErrNoDocuments)
	}
	return c, nil
}

// decodeText returns the text of a file: UTF-8, with or without a byte order
// mark, or UTF-16 (little- or big-endian) with one. When data cannot be a
// text document it returns the reason instead.
func decodeText(data []byte) (string, string) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		if len(data)%2 != 0 {
			return "", "not UTF-16 text (odd number of bytes)"
		}
		// ExpectBOM reads the order from the mark and removes it.
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		utf8Data, err := dec.Bytes(data)
		if err != nil {
			return "", "not UTF-16 text: " + err.Error()
		}
		data = utf8Data
	}
	if reason := unusable(data); reason != "" {
		return "", reason
	}
	return strings.TrimPrefix(string(data), "\uFEFF"), ""
}

// unusable says why data cannot be a text document, or "" when it can.
func unusable(data []byte) string {
	if bytes.IndexByte(data, 0) >= 0 {
		return "binary file (contains NUL bytes)"
	}
	if !utf8.Valid(data) {
		return "not UTF-8 text"
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "empty file"
	}
	return ""
}

// Hash identifies the corpus content and the chunking rules: any change to a
// document's path or text, or to ChunkingVersion, changes it.
func (c *Corpus) Hash() string {
	h, _ := c.Hashes()
	return h
}

// Hashes returns the corpus's Hash and each document's (see Document.Hash),
// in the order of Documents, reading each document once.
func (c *Corpus) Hashes() (string, []string) {
	h := sha256.New()
	h.Write([]byte("chunking-v" + strconv.Itoa(ChunkingVersion) + "\n"))
	docs := make([]string, len(c.Documents))
	for i, d := range c.Documents {
		docs[i] = d.Hash()
		h.Write([]byte(docs[i] + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)), docs
}

// Hash identifies the document: its path, text, URL and metadata title.
// Equal hashes under the same ChunkingVersion give the same passages.
func (d Document) Hash() string {
	h := sha256.New()
	d.writeHash(h)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func (d Document) writeHash(h io.Writer) {
	fmt.Fprintf(h, "%d:%s\n%d:", len(d.Path), d.Path, len(d.Text))
	io.WriteString(h, d.Text)
	if d.URL != "" || d.MetaTitle != "" {
		fmt.Fprintf(h, "\n%d:%s\n%d:%s", len(d.URL), d.URL, len(d.MetaTitle), d.MetaTitle)
	}
}

// Passage returns the passage with the given id.
func (c *Corpus) Passage(id string) (Passage, bool) {
	for _, p := range c.Passages {
		if p.ID == id {
			return p, true
		}
	}
	return Passage{}, false
}
