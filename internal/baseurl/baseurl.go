// Package baseurl checks API base URLs before they reach client libraries
// that fail badly on bad ones (langchaingo's ollama.WithServerURL calls
// log.Fatal).
package baseurl

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Check accepts absolute http(s) URLs with a host. Its error says what is
// wrong and names the URL without any user info it may carry.
func Check(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("cannot parse it")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("scheme %q is not http or https", u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%s has no host", u.Redacted())
	}
	return nil
}

// IsHost reports whether raw is empty (a client's default) or an https URL
// of exactly host on the default port, with no user info: the only kind of
// address an API key found in the environment for that host's provider
// (OPENAI_API_KEY for api.openai.com) may be sent to. Plain http, another
// port, a look-alike ("api.openai.com.example") or a subdomain do not count.
func IsHost(raw, host string) bool {
	if raw == "" {
		return true
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.User != nil {
		return false
	}
	if p := u.Port(); p != "" && p != "443" {
		return false
	}
	return strings.EqualFold(strings.TrimSuffix(u.Hostname(), "."), host)
}
