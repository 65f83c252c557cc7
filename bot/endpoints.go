package bot

import (
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
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

var endpointsMu sync.Mutex

// setEndpoints points discordgo at base. discordgo computes its endpoint
// strings once at init, so every string variable derived from EndpointAPI is
// reset here; the Endpoint* functions read these variables when called and
// follow. The variables are process-global: all sessions of a process share
// one API base. Values are only written when they change.
func setEndpoints(base endpointBase) {
	endpointsMu.Lock()
	defer endpointsMu.Unlock()
	if discordgo.EndpointAPI == base.api && discordgo.EndpointDiscord == base.discord {
		return
	}
	api := base.api
	discordgo.EndpointDiscord = base.discord
	discordgo.EndpointAPI = api
	discordgo.EndpointGuilds = api + "guilds/"
	discordgo.EndpointChannels = api + "channels/"
	discordgo.EndpointUsers = api + "users/"
	discordgo.EndpointGateway = api + "gateway"
	discordgo.EndpointGatewayBot = discordgo.EndpointGateway + "/bot"
	discordgo.EndpointWebhooks = api + "webhooks/"
	discordgo.EndpointStickers = api + "stickers/"
	discordgo.EndpointStageInstances = api + "stage-instances"
	discordgo.EndpointSKUs = api + "skus"
	discordgo.EndpointVoice = api + "/voice/"
	discordgo.EndpointVoiceRegions = discordgo.EndpointVoice + "regions"
	discordgo.EndpointNitroStickersPacks = api + "/sticker-packs"
	discordgo.EndpointGuildCreate = api + "guilds"
	discordgo.EndpointApplications = api + "applications"
	discordgo.EndpointOAuth2 = api + "oauth2/"
	discordgo.EndpointOAuth2Applications = discordgo.EndpointOAuth2 + "applications"
	discordgo.EndpointOauth2 = discordgo.EndpointOAuth2
	discordgo.EndpointOauth2Applications = discordgo.EndpointOAuth2Applications
}
