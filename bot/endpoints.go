package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// endpointBase is a parsed Discord API base URL.
type endpointBase struct {
	discord string // "https://discord.com/"
	api     string // "https://discord.com/api/v9/"
}

// parseAPIURL checks an API base URL such as "https://discord.com/api/v9/"
// and derives the site root from it: the part before "api/", or the host root.
func parseAPIURL(raw string) (endpointBase, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return endpointBase{}, fmt.Errorf("bot: Discord API URL %q: %w", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return endpointBase{}, fmt.Errorf("bot: Discord API URL %q: want an absolute http(s) URL", raw)
	}
	u.RawQuery, u.Fragment = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	root := *u
	root.Path = "/"
	if i := strings.LastIndex(u.Path, "/api/"); i >= 0 {
		root.Path = u.Path[:i+1]
	}
	return endpointBase{discord: root.String(), api: u.String()}, nil
}

// discordgoAPI is where discordgo sends its requests: its endpoint
// variables are computed from this at init and never changed by citebot.
const (
	discordgoRoot = "https://discord.com/"
	discordgoAPI  = "https://discord.com/api/v9/"
)

// rewriteTransport sends discordgo's requests to another API base: a URL
// under discordgoAPI moves under base.api, any other under discordgoRoot
// under base.discord. Each Bot has its own, so bots of one process may use
// different bases, and no global is ever written.
type rewriteTransport struct {
	base endpointBase
	next http.RoundTripper
}

var _ http.RoundTripper = rewriteTransport{}

func newRewriteTransport(base endpointBase, next http.RoundTripper) http.RoundTripper {
	if base.api == discordgoAPI && base.discord == discordgoRoot {
		return next
	}
	return rewriteTransport{base: base, next: next}
}

// RoundTrip rewrites the request's URL and sends it on.
func (t rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	target, ok := t.rewrite(req.URL.String())
	if !ok {
		return t.next.RoundTrip(req)
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("bot: rewrite %s: %w", req.URL.Path, err)
	}
	out := req.Clone(req.Context())
	out.URL = u
	out.Host = u.Host
	return t.next.RoundTrip(out)
}

// rewrite maps a discordgo URL to the configured base.
func (t rewriteTransport) rewrite(raw string) (string, bool) {
	switch {
	case strings.HasPrefix(raw, discordgoAPI):
		return t.base.api + strings.TrimPrefix(raw, discordgoAPI), true
	case strings.HasPrefix(raw, discordgoRoot):
		return t.base.discord + strings.TrimPrefix(raw, discordgoRoot), true
	}
	return raw, false
}
