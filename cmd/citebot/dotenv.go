package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/alecthomas/kong"
	"github.com/joho/godotenv"
)

// dotEnvFile is the settings file read from the working folder.
const dotEnvFile = ".env"

// dotEnvAllowed reports whether a .env file may set name: citebot's own
// settings and the provider keys. Anything else (HTTPS_PROXY,
// SSL_CERT_FILE, GODEBUG…) could redirect or weaken connections that carry
// a key, so a file in the working folder does not get to set it.
func dotEnvAllowed(name string) bool {
	switch name {
	case "DISCORD_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY":
		return true
	}
	return strings.HasPrefix(name, "CITEBOT_")
}

// loadDotEnv sets the variables of the .env file in the working folder that
// the environment lacks (real environment variables win) and returns the
// names it set. Names it may not set are skipped with a warning.
func loadDotEnv(stderr io.Writer) (map[string]bool, error) {
	vars, err := godotenv.Read(dotEnvFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(vars))
	for name := range vars {
		names = append(names, name)
	}
	sort.Strings(names)
	set := map[string]bool{}
	for _, name := range names {
		if !dotEnvAllowed(name) {
			fmt.Fprintf(stderr, "citebot: warning: %s: ignoring %s (only CITEBOT_* settings, DISCORD_TOKEN and the API keys are read from it)\n", dotEnvFile, name)
			continue
		}
		if _, real := os.LookupEnv(name); real {
			continue
		}
		if err := os.Setenv(name, vars[name]); err != nil {
			return nil, err
		}
		set[name] = true
	}
	return set, nil
}

// origins records where settings came from, for the rules on where keys
// may be sent.
type origins struct {
	dotEnv map[string]bool // variables set from .env
	flags  map[string]bool // flags given on the command line
}

// fromDotEnv reports whether the setting of variable env (flag flag) came
// from the .env file: the variable was set from it and no flag overrode it.
func (o origins) fromDotEnv(env, flag string) bool {
	return o.dotEnv[env] && !o.flags[flag]
}

// commandLineFlags returns the names of the flags given on the command line
// (not those filled in from the environment).
func commandLineFlags(kctx *kong.Context) map[string]bool {
	set := map[string]bool{}
	for _, p := range kctx.Path {
		if p.Flag != nil && !p.Resolved {
			set[p.Flag.Name] = true
		}
	}
	return set
}
