package bot

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestParseAPIURL(t *testing.T) {
	tests := []struct{ in, discord, api string }{
		{"https://discord.com/api/v9/", "https://discord.com/", "https://discord.com/api/v9/"},
		{"https://discord.com/api/v9", "https://discord.com/", "https://discord.com/api/v9/"},
		{"http://127.0.0.1:8080/api/v9/", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/api/v9/"},
		{"https://proxy.example/discord/api/v10/", "https://proxy.example/discord/", "https://proxy.example/discord/api/v10/"},
		{"http://proxy:3000/", "http://proxy:3000/", "http://proxy:3000/"},
		{"http://myapi/v9", "http://myapi/", "http://myapi/v9/"},
	}
	for _, tt := range tests {
		got, err := parseAPIURL(tt.in)
		if err != nil || got.discord != tt.discord || got.api != tt.api {
			t.Errorf("parseAPIURL(%q) = %+v, %v; want %q %q", tt.in, got, err, tt.discord, tt.api)
		}
	}
	for _, bad := range []string{"", "discord.com/api", "ftp://x/api/", "http://"} {
		if _, err := parseAPIURL(bad); err == nil {
			t.Errorf("parseAPIURL(%q) accepted", bad)
		}
	}
}

// TestRewriteTransport checks that every endpoint discordgo derives from
// its API base, variables and functions alike, is sent under the configured
// base, and that discordgo's globals stay untouched.
func TestRewriteTransport(t *testing.T) {
	base, _ := parseAPIURL("http://127.0.0.1:9/proxy/api/v9/")
	tr := newRewriteTransport(base, http.DefaultTransport).(rewriteTransport)
	for name, raw := range map[string]string{
		"EndpointGateway":                   discordgo.EndpointGateway,
		"EndpointGatewayBot":                discordgo.EndpointGatewayBot,
		"EndpointApplicationGlobalCommands": discordgo.EndpointApplicationGlobalCommands("1"),
		"EndpointApplicationGuildCommands":  discordgo.EndpointApplicationGuildCommands("1", "2"),
		"EndpointInteractionResponse":       discordgo.EndpointInteractionResponse("1", "t"),
		"EndpointWebhookMessage":            discordgo.EndpointWebhookMessage("1", "t", "@original"),
		"EndpointChannelMessages":           discordgo.EndpointChannelMessages("1"),
		"EndpointChannelTyping":             discordgo.EndpointChannelTyping("1"),
		"EndpointUser":                      discordgo.EndpointUser("@me"),
	} {
		got, ok := tr.rewrite(raw)
		if !ok || !strings.HasPrefix(got, base.api) || strings.TrimPrefix(got, base.api) != strings.TrimPrefix(raw, discordgoAPI) {
			t.Errorf("%s: %q -> %q, want it under %q", name, raw, got, base.api)
		}
	}
	if got, _ := tr.rewrite("https://discord.com/oauth2/authorize"); got != "http://127.0.0.1:9/proxy/oauth2/authorize" {
		t.Errorf("site URL -> %q", got)
	}
	if _, ok := tr.rewrite("https://cdn.discordapp.com/x.png"); ok {
		t.Error("a URL outside discord.com was rewritten")
	}
	if discordgo.EndpointAPI != discordgoAPI || discordgo.EndpointDiscord != discordgoRoot {
		t.Errorf("discordgo's globals changed: %q, %q", discordgo.EndpointAPI, discordgo.EndpointDiscord)
	}
	def, _ := parseAPIURL(DefaultAPIURL)
	if _, ok := newRewriteTransport(def, http.DefaultTransport).(rewriteTransport); ok {
		t.Error("the default API URL gets a rewriting transport")
	}
}
