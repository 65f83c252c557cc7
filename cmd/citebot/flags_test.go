package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261128040915-dba9d3d5984c"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "dba9d3d5984c"}, {Key: "vcs.time", Value: "2026-11-28T04:09:15Z"}, {Key: "vcs.modified", Value: "true"}}}
	tests := []struct {
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{info, true, "citebot v0.0.0-20261128040915-dba9d3d5984c (revision dba9d3d5984c, modified, 2026-11-28T04:09:15Z), go1.26.8"},
		{&debug.BuildInfo{GoVersion: "go1.26.8"}, true, "citebot (devel), go1.26.8"},
		{nil, false, "citebot (unknown version)"},
	}
	for _, tc := range tests {
		if got := versionOf(tc.info, tc.ok); got != tc.want {
			t.Errorf("versionOf = %q, want %q", got, tc.want)
		}
	}
}

// TestStampedVersion: the release recipe's -X main.stampedVersion is what
// --version prints first.
func TestStampedVersion(t *testing.T) {
	defer func(v string) { stampedVersion = v }(stampedVersion)
	stampedVersion = "v9.8.7"
	if got := version(); !strings.HasPrefix(got, "citebot v9.8.7") {
		t.Errorf("version() = %q", got)
	}
}
