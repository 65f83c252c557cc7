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

func TestIsHost(t *testing.T) {
	tests := []struct {
		raw  string
		want bool
	}{
		{"", true},
		{"https://api.openai.com/v1", true},
		{"https://API.OpenAI.com:443/v1/", true},
		{"http://api.openai.com/v1", false},
		{"https://api.openai.com:8443/v1", false},
		{"https://api.openai.com.evil.example/v1", false},
		{"https://evil.example/api.openai.com", false},
		{"https://user:pw@api.openai.com/v1", false},
		{"https://eu.api.openai.com/v1", false},
		{"http://localhost:8080/v1", false},
	}
	for _, tc := range tests {
		if got := IsHost(tc.raw, "api.openai.com"); got != tc.want {
			t.Errorf("IsHost(%q) = %v, want %v", tc.raw, got, tc.want)
		}
	}
}
