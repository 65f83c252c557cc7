package main

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime/debug"

	"github.com/alecthomas/kong"
)

// negativeInt is a flag value such as "-1", which kong would otherwise take
// for a short flag.
var negativeInt = regexp.MustCompile(`^-[0-9]+$`)

// signedInts decodes int flags like kong does, but also accepts "--k -1",
// so that a negative number reaches the command's own range check and its
// message instead of kong's "(short flag); perhaps try --k=-1".
type signedInts struct{ base kong.Mapper }

var _ kong.Mapper = signedInts{}

func newSignedInts() signedInts {
	return signedInts{base: kong.NewRegistry().RegisterDefaults().ForType(reflect.TypeFor[int]())}
}

// Decode reads the flag's value into target.
func (m signedInts) Decode(ctx *kong.DecodeContext, target reflect.Value) error {
	if t := ctx.Scan.Peek(); t.Type == kong.UntypedToken {
		if s, ok := t.Value.(string); ok && negativeInt.MatchString(s) {
			ctx.Scan.Pop()
			ctx.Scan.PushTyped(s, kong.FlagValueToken)
		}
	}
	return m.base.Decode(ctx, target)
}

// Flag groups in --help: a command's own flags come first, then these.
var flagGroups = []kong.Group{
	{Key: "global", Title: "Global flags:"},
	{Key: "backend", Title: "Answer backend (see README, LLM answers):"},
	{Key: "embedder", Title: "Embedder:"},
}

// stampedVersion is the release version, set at link time by the Makefile's
// release recipe: -ldflags "-X main.stampedVersion=v1.2.3".
var stampedVersion string

// version is the module version and VCS revision the binary was built
// from, as recorded by the Go toolchain; a stamped release version
// replaces the module version.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if ok && stampedVersion != "" {
		stamped := *info
		stamped.Main.Version = stampedVersion
		info = &stamped
	}
	return versionOf(info, ok)
}

func versionOf(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "citebot (unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	out := "citebot " + v
	if rev != "" {
		out += fmt.Sprintf(" (revision %s%s", rev, modified)
		if when != "" {
			out += ", " + when
		}
		out += ")"
	}
	return out + ", " + info.GoVersion
}
