package corpus

import (
	"fmt"
	"path/filepath"
)

// resolveDir returns the one spelling of a folder that names the corpus:
// absolute, cleaned, and with symbolic links resolved, so that "notes",
// "./notes/" and "/home/me/notes" (or a link to it) are the same corpus. The
// root itself may be a link; links inside it are still not followed.
func resolveDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	return filepath.Clean(real), nil
}
