package baseurl

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://localhost:11434", ""},
		{"https://api.openai.com/v1", ""},
		{"ftp://x", `scheme "ftp" is not http or https`},
		{"localhost:8080", `scheme "localhost" is not http or https`},
		{"not a url", `scheme "" is not http or https`},
		{"http://", "has no host"},
		{"http://user:secret@/x", "has no host"},
		{"%zz", "cannot parse it"},
	}
	for _, tc := range tests {
		err := Check(tc.in)
		if tc.want == "" {
			if err != nil {
				t.Errorf("Check(%q) = %v", tc.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("Check(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}
