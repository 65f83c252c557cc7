package bot

import (
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

// TestSetEndpoints checks that every endpoint discordgo derives from the API
// base, variables and functions alike, follows it.
func TestSetEndpoints(t *testing.T) {
	base, _ := parseAPIURL("http://127.0.0.1:9/api/v9/")
	setEndpoints(base)
	defer setEndpoints(endpointBase{discord: "https://discord.com/", api: DefaultAPIURL})
	for name, got := range map[string]string{
		"EndpointDiscord":                   discordgo.EndpointDiscord,
		"EndpointAPI":                       discordgo.EndpointAPI,
		"EndpointGuilds":                    discordgo.EndpointGuilds,
		"EndpointChannels":                  discordgo.EndpointChannels,
		"EndpointUsers":                     discordgo.EndpointUsers,
		"EndpointGateway":                   discordgo.EndpointGateway,
		"EndpointGatewayBot":                discordgo.EndpointGatewayBot,
		"EndpointWebhooks":                  discordgo.EndpointWebhooks,
		"EndpointStickers":                  discordgo.EndpointStickers,
		"EndpointStageInstances":            discordgo.EndpointStageInstances,
		"EndpointSKUs":                      discordgo.EndpointSKUs,
		"EndpointVoice":                     discordgo.EndpointVoice,
		"EndpointVoiceRegions":              discordgo.EndpointVoiceRegions,
		"EndpointNitroStickersPacks":        discordgo.EndpointNitroStickersPacks,
		"EndpointGuildCreate":               discordgo.EndpointGuildCreate,
		"EndpointApplications":              discordgo.EndpointApplications,
		"EndpointOAuth2":                    discordgo.EndpointOAuth2,
		"EndpointOAuth2Applications":        discordgo.EndpointOAuth2Applications,
		"EndpointOauth2Applications":        discordgo.EndpointOauth2Applications,
		"EndpointApplicationGlobalCommands": discordgo.EndpointApplicationGlobalCommands("1"),
		"EndpointApplicationGuildCommands":  discordgo.EndpointApplicationGuildCommands("1", "2"),
		"EndpointInteractionResponse":       discordgo.EndpointInteractionResponse("1", "t"),
		"EndpointWebhookMessage":            discordgo.EndpointWebhookMessage("1", "t", "@original"),
		"EndpointChannelMessages":           discordgo.EndpointChannelMessages("1"),
		"EndpointChannelTyping":             discordgo.EndpointChannelTyping("1"),
		"EndpointOAuth2ApplicationsBot":     discordgo.EndpointOAuth2ApplicationsBot("1"),
		"EndpointUser":                      discordgo.EndpointUser("@me"),
		"EndpointGuild":                     discordgo.EndpointGuild("1"),
	} {
		want := base.api
		if name == "EndpointDiscord" {
			want = base.discord
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("%s = %q, want it under %q", name, got, want)
		}
	}
	if discordgo.EndpointGateway != "http://127.0.0.1:9/api/v9/gateway" || discordgo.EndpointGatewayBot != "http://127.0.0.1:9/api/v9/gateway/bot" {
		t.Errorf("gateway endpoints = %q, %q", discordgo.EndpointGateway, discordgo.EndpointGatewayBot)
	}
}
