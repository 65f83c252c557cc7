package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadDirNamesTheCorpusByItsResolvedPath(t *testing.T) {
	base := t.TempDir()
	write(t, base, "notes/a.txt", "A\n\nAy text.")
	if err := os.Symlink(filepath.Join(base, "notes"), filepath.Join(base, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(base)
	want, err := filepath.EvalSymlinks(filepath.Join(base, "notes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, spelling := range []string{"notes", "./notes/", "notes/../notes", filepath.Join(base, "notes"), "link", filepath.Join(base, "link") + "/"} {
		c, err := LoadDir(spelling)
		if err != nil {
			t.Fatalf("%s: %v", spelling, err)
		}
		if c.Name != want {
			t.Errorf("LoadDir(%q) names the corpus %q, want %q", spelling, c.Name, want)
		}
		if len(c.Documents) != 1 || len(c.Skipped) != 0 {
			t.Errorf("LoadDir(%q): %d documents, skipped %v", spelling, len(c.Documents), c.Skipped)
		}
	}
}
