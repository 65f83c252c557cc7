// Package baseurl checks API base URLs before they reach client libraries
// that fail badly on bad ones (langchaingo's ollama.WithServerURL calls
// log.Fatal).
package baseurl

import (
	"errors"
	"fmt"
	"net/url"
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
