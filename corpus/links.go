package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// ConfigFile is the optional corpus settings file at the corpus root. It is
// read, never indexed.
const ConfigFile = "citebot.toml"

// Config is what ConfigFile may say:
//
//	base_url = "https://docs.example.com/"  # the site the documents are published on
//	drop_extensions = [".md"]               # removed from a file's path in its address (the default)
//	drop_index = true                       # "guide/index.md" is "guide/" (the default)
type Config struct {
	// BaseURL is the address of the corpus root; "" gives no links (except
	// those that front matter and canonical links give).
	BaseURL string `toml:"base_url"`
	// DropExtensions are file extensions left out of addresses.
	DropExtensions []string `toml:"drop_extensions"`
	// DropIndex leaves a file named index (any extension) out of its address.
	DropIndex *bool `toml:"drop_index"`
}

// readConfig reads ConfigFile in dir. A missing file is no configuration; a
// file that cannot be used gives a warning and no links.
func readConfig(dir string) (Config, []string) {
	data, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if errors.Is(err, os.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, []string{fmt.Sprintf("%s: %v; no links from it", ConfigFile, err)}
	}
	var c Config
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&c)
	if err != nil {
		return Config{}, []string{fmt.Sprintf("%s is not valid TOML (%v); no links from it", ConfigFile, err)}
	}
	var warns []string
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		warns = append(warns, fmt.Sprintf("%s: unknown setting %s ignored", ConfigFile, strings.Join(keys, ", ")))
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			warns = append(warns, fmt.Sprintf("%s: base_url %q is not an http(s) address; no links from it", ConfigFile, c.BaseURL))
			c.BaseURL = ""
		}
	}
	return c, warns
}

// PageURL is the address of the document at the slash-separated relative
// path rel, or "" when there is no base URL.
func (c Config) PageURL(rel string) string {
	if c.BaseURL == "" {
		return ""
	}
	drop := c.DropExtensions
	if drop == nil {
		drop = []string{".md"}
	}
	p := rel
	ext := path.Ext(p)
	for _, e := range drop {
		if e != "" && strings.EqualFold(ext, "."+strings.TrimPrefix(e, ".")) {
			p = strings.TrimSuffix(p, ext)
			break
		}
	}
	if c.DropIndex == nil || *c.DropIndex {
		base := path.Base(rel)
		if strings.TrimSuffix(base, path.Ext(base)) == "index" {
			p = strings.TrimSuffix(rel, base)
		}
	}
	base := c.BaseURL
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + (&url.URL{Path: p}).EscapedPath()
}

// withFragment replaces the fragment of address u.
func withFragment(u, fragment string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	if fragment == "" {
		return u
	}
	return u + "#" + url.PathEscape(fragment)
}

// resolveURL resolves ref (an href) against base; an absolute ref stands
// alone. It returns "" when ref is not an http(s) address and cannot be
// resolved.
func resolveURL(base, ref string) string {
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || ref == "" {
		return ""
	}
	if !r.IsAbs() {
		b, err := url.Parse(base)
		if base == "" || err != nil {
			return ""
		}
		r = b.ResolveReference(r)
	}
	if r.Scheme != "http" && r.Scheme != "https" {
		return ""
	}
	return r.String()
}
