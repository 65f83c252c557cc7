package bot

import (
	"github.com/bwmarrin/discordgo"
)

// options is a slash command's options by name.
type options map[string]*discordgo.ApplicationCommandInteractionDataOption

func (r *interactionRequest) options() options {
	opts := options{}
	for _, o := range r.i.ApplicationCommandData().Options {
		if o != nil {
			opts[o.Name] = o
		}
	}
	return opts
}

func (o options) string(name string) string {
	if opt, ok := o[name]; ok && opt.Type == discordgo.ApplicationCommandOptionString {
		s, _ := opt.Value.(string)
		return s
	}
	return ""
}

func (o options) int(name string) int {
	if opt, ok := o[name]; ok && opt.Type == discordgo.ApplicationCommandOptionInteger {
		if f, ok := opt.Value.(float64); ok && f >= minYear && f <= maxYear {
			return int(f)
		}
	}
	return 0
}

func (o options) bool(name string) bool {
	if opt, ok := o[name]; ok && opt.Type == discordgo.ApplicationCommandOptionBoolean {
		v, _ := opt.Value.(bool)
		return v
	}
	return false
}

// focused is the option being typed in an autocomplete interaction.
func (o options) focused() (name, value string) {
	for _, opt := range o {
		if opt.Focused {
			v, _ := opt.Value.(string)
			return opt.Name, v
		}
	}
	return "", ""
}

// choices turns values into at most 25 autocomplete choices, skipping
// empty, duplicate and over-long ones.
func choices(values []string) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(values), maxChoices))
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if len(out) == maxChoices {
			break
		}
		if v == "" || seen[v] || len([]rune(v)) > maxChoiceRunes {
			continue
		}
		seen[v] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
	}
	return out
}
