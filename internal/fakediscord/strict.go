package fakediscord

import (
	"encoding/json"
	"fmt"
	"regexp"
	"unicode/utf8"
)

// Discord's message limits, in characters.
const (
	MaxContent         = 2000
	MaxEmbeds          = 10
	MaxTitle           = 256
	MaxDescription     = 4096
	MaxFields          = 25
	MaxFieldName       = 256
	MaxFieldValue      = 1024
	MaxFooter          = 2048
	MaxEmbedsTotal     = 6000
	MaxCustomID        = 100
	MaxChoices         = 25
	MaxChoiceName      = 100
	MaxComponentRows   = 5
	MaxButtonsInARow   = 5
	MaxButtonLabelRune = 80
	MaxSelectOptions   = 25
	MaxPlaceholder     = 150
	MaxThreadName      = 100
)

// payload is the part of a message payload the fake checks.
type payload struct {
	Content         *string         `json:"content"`
	Embeds          []embed         `json:"embeds"`
	Components      []row           `json:"components"`
	AllowedMentions json.RawMessage `json:"allowed_mentions"`
}

type embed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author"`
}

type row struct {
	Type       int         `json:"type"`
	Components []component `json:"components"`
}

// component is a button (type 2) or a string select menu (type 3).
type component struct {
	Type     int    `json:"type"`
	Style    int    `json:"style"`
	CustomID string `json:"custom_id"`
	Label    string `json:"label"`
	URL      string `json:"url"`
	Emoji    *struct {
		Name string `json:"name"`
		ID   string `json:"id"`
	} `json:"emoji"`
	Placeholder string `json:"placeholder"`
	MinValues   *int   `json:"min_values"`
	MaxValues   *int   `json:"max_values"`
	Options     []struct {
		Label       string `json:"label"`
		Value       string `json:"value"`
		Description string `json:"description"`
	} `json:"options"`
}

// checkPayload lists what Discord would reject in a message payload (a
// channel message, an interaction response's data, a webhook message). A
// message the bot creates must carry allowed_mentions.
func checkPayload(raw []byte, create bool) []string {
	if len(raw) == 0 || string(raw) == "null" {
		if create {
			return []string{"no message data"}
		}
		return nil
	}
	var p payload
	if err := json.Unmarshal(raw, &p); err != nil {
		return []string{"not a JSON object: " + err.Error()}
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	n := utf8.RuneCountInString
	if create && (len(p.AllowedMentions) == 0 || string(p.AllowedMentions) == "null") {
		bad("no allowed_mentions on a new message")
	}
	if p.Content != nil && n(*p.Content) > MaxContent {
		bad("content has %d characters (max %d)", n(*p.Content), MaxContent)
	}
	if len(p.Embeds) > MaxEmbeds {
		bad("%d embeds (max %d)", len(p.Embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range p.Embeds {
		if n(e.Title) > MaxTitle {
			bad("embed %d title has %d characters (max %d)", i, n(e.Title), MaxTitle)
		}
		if n(e.Description) > MaxDescription {
			bad("embed %d description has %d characters (max %d)", i, n(e.Description), MaxDescription)
		}
		if len(e.Fields) > MaxFields {
			bad("embed %d has %d fields (max %d)", i, len(e.Fields), MaxFields)
		}
		total += n(e.Title) + n(e.Description)
		for j, f := range e.Fields {
			if n(f.Name) > MaxFieldName || n(f.Value) > MaxFieldValue {
				bad("embed %d field %d has a %d-character name and a %d-character value (max %d, %d)", i, j, n(f.Name), n(f.Value), MaxFieldName, MaxFieldValue)
			}
			total += n(f.Name) + n(f.Value)
		}
		if e.Footer != nil {
			if n(e.Footer.Text) > MaxFooter {
				bad("embed %d footer has %d characters (max %d)", i, n(e.Footer.Text), MaxFooter)
			}
			total += n(e.Footer.Text)
		}
		if e.Author != nil {
			total += n(e.Author.Name)
		}
	}
	if total > MaxEmbedsTotal {
		bad("embeds hold %d characters in all (max %d)", total, MaxEmbedsTotal)
	}
	if len(p.Components) > MaxComponentRows {
		bad("%d component rows (max %d)", len(p.Components), MaxComponentRows)
	}
	customIDs := map[string]bool{}
	for i, r := range p.Components {
		if r.Type != 1 {
			bad("top-level component %d has type %d, want an action row (1)", i, r.Type)
		}
		if len(r.Components) == 0 || len(r.Components) > MaxButtonsInARow {
			bad("row %d has %d components (want 1 to %d)", i, len(r.Components), MaxButtonsInARow)
		}
		for _, c := range r.Components {
			out = append(out, checkComponent(c, len(r.Components))...)
			if c.CustomID != "" {
				if customIDs[c.CustomID] {
					bad("custom_id %q used twice in one message", c.CustomID)
				}
				customIDs[c.CustomID] = true
			}
		}
	}
	return out
}

// checkComponent lists what Discord would reject in a button or a select
// menu in a row of rowLen components.
func checkComponent(c component, rowLen int) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	n := utf8.RuneCountInString
	if c.Type != 5 && c.Style != 5 && (n(c.CustomID) == 0 || n(c.CustomID) > MaxCustomID) {
		bad("custom_id %q has %d characters (want 1 to %d)", c.CustomID, n(c.CustomID), MaxCustomID)
	}
	switch c.Type {
	case 2:
		if c.Style < 1 || c.Style > 5 {
			bad("button style %d", c.Style)
		}
		if c.Style == 5 && (c.URL == "" || c.CustomID != "") {
			bad("a link button needs a url and no custom_id")
		}
		if c.Label == "" && c.Emoji == nil {
			bad("button %q has neither a label nor an emoji", c.CustomID)
		}
		if n(c.Label) > MaxButtonLabelRune {
			bad("button label has %d characters (max %d)", n(c.Label), MaxButtonLabelRune)
		}
	case 3:
		if rowLen != 1 {
			bad("select menu %q shares its row with %d other components", c.CustomID, rowLen-1)
		}
		if len(c.Options) == 0 || len(c.Options) > MaxSelectOptions {
			bad("select menu %q has %d options (want 1 to %d)", c.CustomID, len(c.Options), MaxSelectOptions)
		}
		if n(c.Placeholder) > MaxPlaceholder {
			bad("select menu placeholder has %d characters (max %d)", n(c.Placeholder), MaxPlaceholder)
		}
		if c.MaxValues != nil && (*c.MaxValues < 1 || *c.MaxValues > len(c.Options)) {
			bad("select menu max_values %d with %d options", *c.MaxValues, len(c.Options))
		}
		if c.MinValues != nil && (*c.MinValues < 0 || *c.MinValues > len(c.Options)) {
			bad("select menu min_values %d with %d options", *c.MinValues, len(c.Options))
		}
		values := map[string]bool{}
		for _, o := range c.Options {
			if n(o.Label) == 0 || n(o.Label) > MaxChoiceName || n(o.Value) == 0 || n(o.Value) > MaxChoiceName || n(o.Description) > MaxChoiceName {
				bad("select option %q: label and value must have 1 to %d characters, the description at most %d", o.Label, MaxChoiceName, MaxChoiceName)
			}
			if values[o.Value] {
				bad("select option value %q used twice", o.Value)
			}
			values[o.Value] = true
		}
	default:
		bad("component type %d inside a row", c.Type)
	}
	return out
}

// Application command types and limits.
const (
	CommandChatInput      = 1
	CommandUser           = 2
	CommandMessage        = 3
	MaxCommandName        = 32
	MaxCommandDescription = 100
	MaxContextMenus       = 5
)

var slashName = regexp.MustCompile(`^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$`)

// checkCommands lists what Discord would reject in a bulk overwrite of
// application commands: slash commands need a lower-case name and a
// description; user and message (context-menu) commands a name of 1 to 32
// characters, no description and no options, at most 5 of each type.
func checkCommands(raw []byte) []string {
	var cmds []struct {
		Name        string            `json:"name"`
		Type        int               `json:"type"`
		Description string            `json:"description"`
		Options     []json.RawMessage `json:"options"`
	}
	if err := json.Unmarshal(raw, &cmds); err != nil {
		return []string{"commands are not a JSON array: " + err.Error()}
	}
	var out []string
	perType := map[int]int{}
	names := map[string]bool{}
	for _, c := range cmds {
		typ := c.Type
		if typ == 0 {
			typ = CommandChatInput
		}
		perType[typ]++
		key := fmt.Sprint(typ, c.Name)
		if names[key] {
			out = append(out, fmt.Sprintf("command %q registered twice", c.Name))
		}
		names[key] = true
		switch typ {
		case CommandChatInput:
			if !slashName.MatchString(c.Name) {
				out = append(out, fmt.Sprintf("slash command name %q", c.Name))
			}
			if n := utf8.RuneCountInString(c.Description); n == 0 || n > MaxCommandDescription {
				out = append(out, fmt.Sprintf("slash command %q: description of %d characters", c.Name, n))
			}
		case CommandUser, CommandMessage:
			if n := utf8.RuneCountInString(c.Name); n == 0 || n > MaxCommandName {
				out = append(out, fmt.Sprintf("context-menu command name %q", c.Name))
			}
			if c.Description != "" || len(c.Options) > 0 {
				out = append(out, fmt.Sprintf("context-menu command %q has a description or options", c.Name))
			}
		default:
			out = append(out, fmt.Sprintf("command %q of type %d", c.Name, c.Type))
		}
	}
	if perType[CommandUser] > MaxContextMenus || perType[CommandMessage] > MaxContextMenus {
		out = append(out, "more than 5 context-menu commands of one type")
	}
	return out
}

// checkChoices lists what Discord would reject in an autocomplete result.
func checkChoices(raw []byte) []string {
	var d struct {
		Choices *[]struct {
			Name  string `json:"name"`
			Value any    `json:"value"`
		} `json:"choices"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return []string{"autocomplete data is not a JSON object: " + err.Error()}
	}
	if d.Choices == nil {
		return []string{"autocomplete result without a choices list"}
	}
	var out []string
	if len(*d.Choices) > MaxChoices {
		out = append(out, fmt.Sprintf("%d choices (max %d)", len(*d.Choices), MaxChoices))
	}
	for _, c := range *d.Choices {
		v, _ := c.Value.(string)
		if n := utf8.RuneCountInString(c.Name); n == 0 || n > MaxChoiceName || utf8.RuneCountInString(v) > MaxChoiceName {
			out = append(out, fmt.Sprintf("choice %q: name and value must have 1 to %d characters", c.Name, MaxChoiceName))
		}
	}
	return out
}
