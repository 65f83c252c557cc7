package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// logSettings are the environment's say on diagnostics: CITEBOT_LOG_FORMAT
// (text, the default, or json: one object a line), CITEBOT_LOG_LEVEL
// (debug, info, warn, error) and CITEBOT_DEBUG (any value: debug).
type logSettings struct {
	format, level string
	debug         bool
}

// newLogger builds the logger for stderr. Without a level, commands log
// warnings and serve raises that to info; fixed reports whether a level
// was given, so serve keeps it.
func newLogger(w io.Writer, s logSettings) (logger *slog.Logger, level *slog.LevelVar, fixed bool, err error) {
	level = new(slog.LevelVar)
	level.Set(slog.LevelWarn)
	switch l := strings.ToLower(strings.TrimSpace(s.level)); {
	case l != "":
		var v slog.Level
		if err := v.UnmarshalText([]byte(l)); err != nil {
			return nil, nil, false, fmt.Errorf("CITEBOT_LOG_LEVEL=%q: want debug, info, warn or error", s.level)
		}
		level.Set(v)
		fixed = true
	case s.debug:
		level.Set(slog.LevelDebug)
		fixed = true
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(strings.TrimSpace(s.format)) {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), level, fixed, nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), level, fixed, nil
	}
	return nil, nil, false, fmt.Errorf("CITEBOT_LOG_FORMAT=%q: want text or json", s.format)
}
