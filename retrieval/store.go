package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/gofrs/flock"
)

// FormatVersion changes whenever the stored files' layout changes.
//
// 3: vectors as one flat float32 file fed to chromem, BM25 postings as flat
// binary arrays with sorted terms (storefile.go), topics no longer computed
// at open.
const FormatVersion = 3

// Stored index files inside the index folder. Vectors are one flat
// little-endian float32 array in passage order (ids come from the corpus),
// handed to chromem without a copy: 90 ms at 100k passages, against 0.4 s
// for chromem-go's gob export (ExportToWriter/ImportFromReader, the format
// until 3) and 0.27 s for AddDocuments (BenchmarkFeedChromem); chromem's
// NewPersistentDB, one file per passage, took 8 s to write and read back.
// The files are not compressed: start-up speed matters more than disk space.
const (
	manifestFile = "manifest.json"
	vectorsFile  = "vectors.f32"
	lexicalFile  = "lexical.bin"
	lockFile     = "index.lock"
)

// Manifest describes a stored index; a stored index is reused only when all
// of it matches what is being opened.
type Manifest struct {
	FormatVersion   int                `json:"format_version"`
	CorpusName      string             `json:"corpus_name"`
	CorpusHash      string             `json:"corpus_hash"`
	ChunkingVersion int                `json:"chunking_version"`
	EmbedderID      string             `json:"embedder_id"`
	Passages        int                `json:"passages"`
	BuiltAt         time.Time          `json:"built_at"`
	Files           map[string]FileSum `json:"files"`
	// Attachments maps each attachment's name to its version.
	Attachments map[string]string `json:"attachments,omitempty"`
	// Documents lists the corpus's documents in passage order, each with
	// its hash and passage count, so that a changed corpus re-embeds only
	// the passages of the documents that changed (see update.go).
	Documents []DocumentSum `json:"documents,omitempty"`
}

// DocumentSum is one document of a stored index: its path, its hash
// (corpus.Document.Hash) and how many passages it has, stored in order.
type DocumentSum struct {
	Path     string `json:"path"`
	Hash     string `json:"hash"`
	Passages int    `json:"passages"`
}

// FileSum lets a load detect a truncated or corrupt file.
type FileSum struct {
	Size  int64  `json:"size"`
	CRC32 uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// OpenReport says what Open did.
type OpenReport struct {
	// Rebuilt is true when the index was built rather than loaded.
	Rebuilt bool
	// Reason says why it was rebuilt ("no stored index", "corpus changed", …).
	Reason string
	// Warning is set when a stored index was unusable (truncated, corrupt,
	// another version); the index was rebuilt.
	Warning string
	// SaveErr is set when the rebuilt index could not be stored (a full
	// disk, a read-only folder): the returned index works, but lives only in
	// memory and the next Open builds it again.
	SaveErr error
	// Update says, for a rebuilt index, how many documents changed and how
	// many passages were embedded again or kept.
	Update   UpdateStats
	Dir      string
	Duration time.Duration
}

// ReasonInterrupted is the rebuild reason when the index folder holds index
// files or temporary files but no manifest: a save did not finish.
const ReasonInterrupted = "no manifest: an earlier run may have been interrupted"

// Open returns the index of the corpus stored under dataDir, building and
// storing it when there is none or when the stored one does not match the
// corpus, the chunking version, the embedder or the format. Processes that
// share dataDir take a file lock: readers share it, a rebuild holds it alone,
// and files are replaced atomically with the manifest written last.
//
// Temporary files left by a process killed mid-save are removed whenever
// Open holds the lock alone: every save holds it alone from its first
// temporary file to its last rename, so a temporary file seen then belongs to
// a process that is gone, however recent it is.
//
// An index folder in which the lock file cannot be opened or created (a
// read-only folder or file system, or a lock file owned by another user) is
// read without the lock. That is safe because of the write order: a reader
// that races a writer sees no manifest, or a manifest whose checksums do not
// match the files, and rebuilds in memory; it never uses a mix of two
// indexes. An index that cannot be stored is returned with SaveErr set.
func Open(ctx context.Context, dataDir string, c *corpus.Corpus, opts ...Option) (*Index, OpenReport, error) {
	start := time.Now()
	o := buildOptions(opts)
	dir := filepath.Join(dataDir, indexDirName(c.Name))
	rep := OpenReport{Dir: dir}
	if len(c.Passages) == 0 {
		return nil, rep, ErrNoPassages
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, rep, fmt.Errorf("data folder %s is not writable: %w", dataDir, err)
	}
	lock := flock.New(filepath.Join(dir, lockFile))
	var lockErr error
	interrupted := false
	// Take the lock alone if no one else holds it, to clear what a killed
	// save left behind; wait for no one.
	alone, err := lock.TryLock()
	switch {
	case err != nil && cannotWrite(err):
		lock, lockErr = nil, err
	case err != nil:
		return nil, rep, fmt.Errorf("lock index in %s: %w", dir, err)
	case alone:
		interrupted = removeTemps(dir) > 0
		_ = lock.Unlock()
	}
	if lock != nil {
		if err := takeLock(lock.TryRLock, lock.RLock, o.lockWait); err != nil {
			return nil, rep, fmt.Errorf("lock index in %s: %w", dir, err)
		}
	}
	want := wantManifest(c, o)
	ix, reason, warn := load(dir, c, want, o)
	if lock != nil {
		_ = lock.Unlock()
	}
	if ix != nil {
		ix.docs = want.Documents
		rep.Duration = time.Since(start)
		return ix, rep, nil
	}
	if lock != nil {
		if err := takeLock(lock.TryLock, lock.Lock, o.lockWait); err != nil {
			return nil, rep, fmt.Errorf("lock index in %s: %w", dir, err)
		}
		defer lock.Unlock()
		if removeTemps(dir) > 0 {
			interrupted = true
		}
		// Another process may have rebuilt it while we waited for the lock.
		if ix, _, _ := load(dir, c, want, o); ix != nil {
			ix.docs = want.Documents
			rep.Duration = time.Since(start)
			return ix, rep, nil
		}
	}
	if reason == reasonNoIndex && interrupted {
		reason = ReasonInterrupted
	}
	rep.Rebuilt, rep.Reason, rep.Warning = true, reason, warn
	// A corpus whose documents changed keeps the stored vectors of those
	// that did not; any other reason (chunking, embedder, a damaged or
	// missing store) embeds everything.
	var pr *prior
	if warn == "" {
		pr = priorFromStore(dir, want)
	}
	ix, rep.Update, err = buildFrom(ctx, c.Passages, want.Documents, pr, o)
	if errors.Is(err, errPriorDim) {
		ix, rep.Update, err = buildFrom(ctx, c.Passages, want.Documents, nil, o)
	}
	if err != nil {
		return nil, rep, err
	}
	ix.docs = want.Documents
	if lock == nil {
		rep.SaveErr = fmt.Errorf("index folder %s is not writable: %w", dir, lockErr)
	} else if err := save(dir, ix, want); err != nil {
		rep.SaveErr = err
	}
	rep.Duration = time.Since(start)
	return ix, rep, nil
}

// cannotWrite reports whether err says a file cannot be created or opened
// for lack of permission or on a read-only file system.
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// legacyFiles are index files of earlier formats; a save removes them.
var legacyFiles = []string{"vectors.gob", "lexical.gob"}

// tempPatterns match the temporary files WriteFileAtomic makes for the index
// files, of this format and earlier ones, and nothing else.
var tempPatterns = []string{
	"." + manifestFile + ".tmp-*",
	"." + vectorsFile + ".tmp-*",
	"." + lexicalFile + ".tmp-*",
	"." + attachmentFile("*") + ".tmp-*",
	"." + legacyFiles[0] + ".tmp-*",
	"." + legacyFiles[1] + ".tmp-*",
}

// removeTemps removes the index's temporary files from dir and returns how
// many it removed. The caller must hold the lock alone.
func removeTemps(dir string) int {
	n := 0
	for _, pat := range tempPatterns {
		names, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, name := range names {
			if os.Remove(name) == nil {
				n++
			}
		}
	}
	return n
}

// indexDirName gives each corpus its own folder, so switching between the
// built-in corpus and a folder does not rebuild either.
func indexDirName(corpusName string) string {
	if corpusName == corpus.BuiltinName {
		return "index-builtin"
	}
	abs, err := filepath.Abs(corpusName)
	if err != nil {
		abs = corpusName
	}
	return fmt.Sprintf("index-%08x", crc32.Checksum([]byte(abs), castagnoli))
}

func wantManifest(c *corpus.Corpus, o options) Manifest {
	hash, docHashes := c.Hashes()
	m := Manifest{
		FormatVersion:   FormatVersion,
		CorpusName:      c.Name,
		CorpusHash:      hash,
		Documents:       documentSums(c, docHashes),
		ChunkingVersion: corpus.ChunkingVersion,
		EmbedderID:      localEmbedderID(o.lexicon),
		Passages:        len(c.Passages),
	}
	if o.embedder != nil {
		m.EmbedderID = o.embedder.ID
	}
	if len(o.attachments) > 0 {
		m.Attachments = map[string]string{}
		for _, a := range o.attachments {
			m.Attachments[a.Name] = a.Version
		}
	}
	return m
}

// ReadManifest reads the manifest of the index folder dir.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("manifest: %w", err)
	}
	return m, nil
}

// load returns the stored index, or nil with the reason to rebuild and, when
// the stored files were damaged, a warning.
func load(dir string, c *corpus.Corpus, want Manifest, o options) (*Index, string, string) {
	m, err := ReadManifest(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && storedFilesIn(dir):
		return nil, ReasonInterrupted, ""
	case errors.Is(err, fs.ErrNotExist):
		return nil, reasonNoIndex, ""
	case err != nil:
		return nil, "stored index unreadable", fmt.Sprintf("stored index in %s is corrupt (%v); rebuilding", dir, err)
	case m.FormatVersion != want.FormatVersion:
		return nil, "index format changed", fmt.Sprintf("stored index in %s is from another version (format %d, want %d); rebuilding", dir, m.FormatVersion, want.FormatVersion)
	case m.CorpusHash != want.CorpusHash || m.CorpusName != want.CorpusName || m.Passages != want.Passages:
		return nil, "corpus changed", ""
	case m.ChunkingVersion != want.ChunkingVersion:
		return nil, "chunking changed", ""
	case m.EmbedderID != want.EmbedderID:
		return nil, fmt.Sprintf("embedder changed (%s → %s)", m.EmbedderID, want.EmbedderID), ""
	case !maps.Equal(m.Attachments, want.Attachments):
		return nil, "derived data changed", ""
	}
	ix, err := loadFiles(dir, c, m, o)
	if err != nil {
		return nil, "stored index damaged", fmt.Sprintf("stored index in %s is damaged (%v); rebuilding", dir, err)
	}
	return ix, "", ""
}

// reasonNoIndex is the rebuild reason when nothing was ever stored.
const reasonNoIndex = "no stored index"

// storedFilesIn reports whether dir holds index files, which without a
// manifest means a save was cut short.
func storedFilesIn(dir string) bool {
	for _, pat := range append([]string{vectorsFile, lexicalFile, attachmentFile("*")}, legacyFiles...) {
		if names, _ := filepath.Glob(filepath.Join(dir, pat)); len(names) > 0 {
			return true
		}
	}
	return false
}

func loadFiles(dir string, c *corpus.Corpus, m Manifest, o options) (*Index, error) {
	// The vectors, the largest file, are read while BM25 is checked and the
	// index assembled, and checksummed while chromem is fed; nothing is
	// returned before the checksum matches.
	type read struct {
		data []byte
		err  error
	}
	vecRead := make(chan read, 1)
	go func() {
		data, err := readSized(dir, vectorsFile, m)
		vecRead <- read{data, err}
	}()
	ix, err := loadLexical(dir, c, m, o)
	vec := <-vecRead
	if err != nil {
		return nil, err
	}
	if vec.err != nil {
		return nil, vec.err
	}
	sumErr := make(chan error, 1)
	go func() { sumErr <- checkSum(vectorsFile, vec.data, m) }()
	err = ix.loadVectors(vec.data)
	if serr := <-sumErr; serr != nil {
		return nil, serr
	}
	if err != nil {
		return nil, err
	}
	for _, a := range o.attachments {
		data, err := readChecked(dir, attachmentFile(a.Name), m)
		if err != nil {
			return nil, err
		}
		ix.attachments[a.Name] = data
	}
	return ix, nil
}

// loadLexical reads the BM25 file and assembles the index around it.
func loadLexical(dir string, c *corpus.Corpus, m Manifest, o options) (*Index, error) {
	lexBytes, err := readChecked(dir, lexicalFile, m)
	if err != nil {
		return nil, err
	}
	fields, err := decodeLexical(lexBytes, 2)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lexicalFile, err)
	}
	for _, d := range fields {
		if err := d.check(len(c.Passages)); err != nil {
			return nil, fmt.Errorf("%s: %w", lexicalFile, err)
		}
	}
	return newIndex(c.Passages, newLexicalFrom(fields[0]), newLexicalFrom(fields[1]), o)
}

// loadVectors hands the vectors file's vectors to chromem.
func (ix *Index) loadVectors(data []byte) error {
	vecs, dim, err := decodeVectors(data)
	if err != nil {
		return fmt.Errorf("%s: %w", vectorsFile, err)
	}
	if len(vecs) != dim*len(ix.passages) {
		return fmt.Errorf("%s: wrong number of vectors", vectorsFile)
	}
	if err := ix.addVectors(context.Background(), vecs, dim, false); err != nil {
		return fmt.Errorf("%s: %w", vectorsFile, err)
	}
	return nil
}

func attachmentFile(name string) string { return "attachment-" + name + ".bin" }

// check reports postings that do not fit n passages, and terms out of order
// (terms are found by binary search).
func (d lexicalData) check(n int) error {
	if len(d.DocLens) != n || len(d.Offsets) != len(d.TermEnds)+1 || len(d.Docs) != len(d.TFs) ||
		int(d.Offsets[len(d.Offsets)-1]) != len(d.Docs) {
		return errors.New("inconsistent postings")
	}
	for i := 1; i < len(d.Offsets); i++ {
		if d.Offsets[i] < d.Offsets[i-1] {
			return errors.New("inconsistent postings")
		}
	}
	prev := uint32(0)
	for i, end := range d.TermEnds {
		if end < prev || int(end) > len(d.Terms) || i > 0 && d.term(i-1) >= d.term(i) {
			return errors.New("terms out of order")
		}
		prev = end
	}
	for _, doc := range d.Docs {
		if int(doc) >= n {
			return errors.New("posting out of range")
		}
	}
	return nil
}

// readChecked reads a stored file and checks it against the manifest.
func readChecked(dir, name string, m Manifest) ([]byte, error) {
	data, err := readSized(dir, name, m)
	if err != nil {
		return nil, err
	}
	if err := checkSum(name, data, m); err != nil {
		return nil, err
	}
	return data, nil
}

// readSized reads a stored file and checks its size against the manifest.
func readSized(dir, name string, m Manifest) ([]byte, error) {
	sum, ok := m.Files[name]
	if !ok {
		return nil, fmt.Errorf("manifest lists no %s", name)
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) != sum.Size {
		return nil, fmt.Errorf("%s is %d bytes, want %d (truncated?)", name, len(data), sum.Size)
	}
	return data, nil
}

// checkSum checks a stored file's data against the manifest's checksum.
func checkSum(name string, data []byte, m Manifest) error {
	if crc32.Checksum(data, castagnoli) != m.Files[name].CRC32 {
		return fmt.Errorf("%s checksum mismatch", name)
	}
	return nil
}

// save writes the index files atomically (temp file, fsync, rename), the
// manifest last, so a reader never sees a manifest for files not written.
func save(dir string, ix *Index, m Manifest) error {
	m.Files = map[string]FileSum{}
	m.BuiltAt = time.Now().UTC()
	// Remove the old manifest first: from here until the new one is written
	// the folder holds no valid index, never a mix of two.
	if err := os.Remove(filepath.Join(dir, manifestFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("replace index in %s: %w", dir, err)
	}
	// Vectors and postings are written from memory as they are, not copied.
	files := map[string][][]byte{
		vectorsFile: encodeVectors(ix.vectors, ix.dim),
		lexicalFile: encodeLexical(ix.lex.data, ix.titles.data),
	}
	for name, data := range ix.attachments {
		files[attachmentFile(name)] = [][]byte{data}
	}
	for name, parts := range files {
		if err := writeFileAtomic(filepath.Join(dir, name), parts...); err != nil {
			return err
		}
		var sum FileSum
		for _, p := range parts {
			sum.Size += int64(len(p))
			sum.CRC32 = crc32.Update(sum.CRC32, castagnoli, p)
		}
		m.Files[name] = sum
	}
	for _, name := range legacyFiles {
		os.Remove(filepath.Join(dir, name))
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, manifestFile), js)
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so readers see the old file or the new one, whole.
func WriteFileAtomic(path string, data []byte) error {
	return writeFileAtomic(path, data)
}

// writeFileAtomic is WriteFileAtomic of the parts written one after another.
func writeFileAtomic(path string, parts ...[]byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	for _, p := range parts {
		if err == nil {
			_, err = f.Write(p)
		}
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
