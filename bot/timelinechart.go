package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/timelineplot"
)

// timelineFile is the name of the chart attached to a /timeline answer.
const timelineFile = "timeline.png"

// maxChartEvents bounds the events one chart draws, so a huge corpus costs
// a bounded render.
const maxChartEvents = 300

// timelineChart renders the chart of events, or nil (logged) when it
// cannot.
func (b *Bot) timelineChart(q TimelineQuery, events []corpus.Event) []byte {
	if len(events) == 0 {
		return nil
	}
	title, events := chartEvents(q, events)
	png, err := timelineplot.Render(events, timelineplot.Options{Title: title})
	if err != nil {
		b.log.Warn("could not draw the timeline chart", b.secrets.errAttr(err))
		return nil
	}
	return png
}

// chartEvents is the chart's title and the events it draws: the first
// maxChartEvents.
func chartEvents(q TimelineQuery, events []corpus.Event) (string, []corpus.Event) {
	title := "Timeline — " + describeQuery(q)
	if len(events) > maxChartEvents {
		title += fmt.Sprintf(" (first %d of %d events)", maxChartEvents, len(events))
		events = events[:maxChartEvents]
	}
	return title, events
}

// showChart points the first embed at the attached chart.
func showChart(embeds []*discordgo.MessageEmbed) {
	if len(embeds) > 0 {
		embeds[0].Image = &discordgo.MessageEmbedImage{URL: "attachment://" + timelineFile}
	}
}

// hasChart reports whether a message carries the chart.
func hasChart(m *discordgo.Message) bool {
	if m == nil {
		return false
	}
	for _, a := range m.Attachments {
		if a != nil && a.Filename == timelineFile {
			return true
		}
	}
	return false
}

// attachmentRef names an uploaded file in a message payload: id is the
// index of the files[n] part.
type attachmentRef struct {
	ID          int    `json:"id"`
	Filename    string `json:"filename"`
	Description string `json:"description,omitempty"`
}

// editWithFile replaces @original with embeds, components and one PNG
// file, uploaded as multipart/form-data.
func (r *interactionRequest) editWithFile(embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent, name, alt string, data []byte) error {
	content := ""
	payload := struct {
		Content         *string                           `json:"content"`
		Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
		Components      []discordgo.MessageComponent      `json:"components"`
		Attachments     []attachmentRef                   `json:"attachments"`
		AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	}{&content, embeds, components, []attachmentRef{{ID: 0, Filename: name, Description: alt}}, noMentions()}
	contentType, body, err := discordgo.MultipartBodyWithJSON(payload, []*discordgo.File{{Name: name, ContentType: "image/png", Reader: bytes.NewReader(data)}})
	if err != nil {
		return fmt.Errorf("edit interaction response: %w", err)
	}
	endpoint := discordgo.EndpointWebhookMessage(r.appID(), r.i.Token, "@original")
	resp, err := r.bot.session.RequestRaw("PATCH", endpoint, contentType, body, r.bucket(), 0)
	if err != nil {
		return fmt.Errorf("edit interaction response with %s: %w", name, r.bot.secrets.wrap(err))
	}
	var msg discordgo.Message
	if err := json.Unmarshal(resp, &msg); err != nil {
		r.bot.log.Debug("edit with file: undecodable response", slog.String("err", err.Error()))
	}
	return nil
}
