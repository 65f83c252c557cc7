package bot

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/inert"
)

// Discord's limits, counted in characters.
const (
	maxMessageRunes     = 2000
	maxDescriptionRunes = 4096
	maxEmbedsRunes      = 6000
	maxTitleRunes       = 256
	maxFooterRunes      = 2048
	maxFieldValueRunes  = 1024
	maxQuoteRunes       = 100
	maxURLRunes         = 200
	maxChoiceRunes      = 100
	maxChoices          = 25
)

// Budgets within an answer's 6000 characters of embeds.
const (
	maxSourcesRunes = 1800
	maxNotesRunes   = 600
)

const (
	colorAnswer    = 0x5865F2
	colorFallback  = 0xF0B232
	colorAbstained = 0x80848E
	colorError     = 0xDA373C
)

// sourcesHeading starts the sources list of a plain-text answer.
const sourcesHeading = "**Sources**"

// closestTitle heads the passages an abstention shows instead of sources:
// where the documents came nearest, at the sentence that came nearest.
const closestTitle = "Closest passages (not an answer)"

// closestHeading starts that list in a plain-text answer.
const closestHeading = "**" + closestTitle + "**"

// noMentions lets a message ping nobody: no @everyone, role or user, and
// not the author of the message replied to.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// isFallback reports whether the answer came from a fallback backend.
func isFallback(a answer.Answer) bool { return strings.Contains(a.Backend, "fallback") }

// answerFooter names the backend and says when the answer is a fallback, an
// abstention or lacks valid citations.
func answerFooter(a answer.Answer) string {
	backend := a.Backend
	if backend == "" {
		backend = "unknown backend"
	}
	var parts []string
	switch {
	case a.Abstained:
		parts = append(parts, "Abstained: the passages don't answer this")
	case a.Uncited:
		parts = append(parts, "No valid citations")
	}
	if isFallback(a) {
		parts = append(parts, "Fallback answer")
	}
	parts = append(parts, "Answered by "+backend)
	return truncateRunes(strings.Join(parts, " · "), maxFooterRunes)
}

func answerColor(a answer.Answer) int {
	switch {
	case a.Abstained:
		return colorAbstained
	case isFallback(a) || a.Uncited:
		return colorFallback
	default:
		return colorAnswer
	}
}

// answerBody is the answer text, or a default for an empty abstention.
func answerBody(a answer.Answer) string {
	if t := strings.TrimSpace(a.Text); t != "" {
		return inert.Discord(t)
	}
	if a.Abstained {
		return "I couldn't find an answer to that in the corpus."
	}
	return "(empty answer)"
}

// quote is the start of a passage, markers removed and whitespace folded,
// in at most maxQuoteRunes characters.
func quote(p corpus.Passage) string {
	text := inert.Discord(strings.Join(strings.Fields(p.IndexText()), " "))
	text = strings.ReplaceAll(text, "`", "'")
	return truncateRunes(text, maxQuoteRunes)
}

// citationQuote is the sentence the answer used, when the backend says
// which, else the start of the passage; made inert (no links, no
// mentions), whitespace folded, backticks replaced, in at most
// maxQuoteRunes characters.
func citationQuote(c answer.Citation) string {
	if q := inert.Discord(strings.Join(strings.Fields(c.Quote), " ")); q != "" {
		return truncateRunes(strings.ReplaceAll(q, "`", "'"), maxQuoteRunes)
	}
	return quote(c.Passage)
}

// sourceLine renders one citation: "1. `id` — Title › Section: “quote”
// <link>", with the document's title (its file name when it has none) and
// section, made inert, and the passage's page address when it has one.
func sourceLine(c answer.Citation) string { return passageLine(fmt.Sprintf("%d.", c.N), c) }

// closestLine renders one passage that came closest to answering, as
// sourceLine does but bulleted: nothing cites it.
func closestLine(c answer.Citation) string { return passageLine("•", c) }

func passageLine(label string, c answer.Citation) string {
	id := strings.ReplaceAll(c.ID, "`", "'")
	src := inert.Discord(oneLine(sourceTitle(c.Passage.Heading(), c.Source)))
	src = truncateRunes(strings.ReplaceAll(src, "`", "'"), maxTitleRunes)
	line := fmt.Sprintf("%s `%s` — %s: “%s”", label, id, src, citationQuote(c))
	if u := sourceURL(c.URL); u != "" {
		line += " <" + u + ">"
	}
	return line
}

// sourceURL returns a passage's page address when it is a plain http(s)
// address short enough for a sources list, else "". It is shown as
// written, never behind other text.
func sourceURL(u string) string {
	u = strings.TrimSpace(u)
	if len(u) > maxURLRunes || strings.ContainsAny(u, " <>`\n") ||
		!strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return ""
	}
	return u
}

// sourcesList renders the numbered list of citations in at most max
// characters, ending with "… and n more" when some do not fit.
func sourcesList(cits []answer.Citation, max int) string {
	return passageList(cits, max, sourceLine)
}

// passageList renders one line per passage with line, as sourcesList does.
func passageList(cits []answer.Citation, max int, render func(answer.Citation) string) string {
	var b strings.Builder
	for i, c := range cits {
		line := render(c)
		more := fmt.Sprintf("… and %d more", len(cits)-i)
		need := utf8.RuneCountInString(line) + 1
		if i < len(cits)-1 {
			need += utf8.RuneCountInString(more) + 1 // room to say what's left
		}
		if utf8.RuneCountInString(b.String())+need > max {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(more)
			break
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}

// notes renders warnings about the answer's citations.
func notes(a answer.Answer) string {
	var lines []string
	for _, w := range a.Warnings {
		lines = append(lines, "⚠ "+truncateRunes(strings.Join(strings.Fields(w), " "), 200))
	}
	return truncateRunes(strings.Join(lines, "\n"), maxNotesRunes)
}

// renderAnswerEmbeds renders an answer for /ask: the answer text in one or
// two embeds (4096 characters each), then the sources, with the footer on
// the last embed, all within Discord's 6000 characters per message. Text
// that does not fit is cut at a paragraph, line or word and marked.
func renderAnswerEmbeds(question string, a answer.Answer) []*discordgo.MessageEmbed {
	title := truncateRunes(oneLine(question), maxTitleRunes)
	footer := answerFooter(a)
	color := answerColor(a)
	sources, sourcesTitle := sourcesList(a.Citations, maxSourcesRunes), "Sources"
	if len(a.Citations) == 0 && len(a.Closest) > 0 {
		// A refusal still shows where the documents came nearest.
		sources, sourcesTitle = passageList(a.Closest, maxSourcesRunes, closestLine), closestTitle
	}
	note := notes(a)

	budget := maxEmbedsRunes - utf8.RuneCountInString(title) - utf8.RuneCountInString(footer)
	if sources != "" {
		budget -= utf8.RuneCountInString(sources) + utf8.RuneCountInString(sourcesTitle)
	}
	if note != "" {
		budget -= utf8.RuneCountInString(note) + utf8.RuneCountInString("Notes")
	}
	parts := fitText(answerBody(a), budget, maxDescriptionRunes, 2)

	var embeds []*discordgo.MessageEmbed
	for i, p := range parts {
		e := &discordgo.MessageEmbed{Description: p, Color: color}
		if i == 0 {
			e.Title = title
		}
		embeds = append(embeds, e)
	}
	if note != "" {
		embeds[len(embeds)-1].Fields = []*discordgo.MessageEmbedField{{Name: "Notes", Value: truncateRunes(note, maxFieldValueRunes)}}
	}
	if sources != "" {
		embeds = append(embeds, &discordgo.MessageEmbed{Title: sourcesTitle, Description: sources, Color: color})
	}
	embeds[len(embeds)-1].Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return embeds
}

// fitText splits text into at most maxParts parts of at most per
// characters and at most budget characters in all, cutting at paragraph,
// line or word boundaries; text that does not fit ends with a note saying
// it was cut.
func fitText(text string, budget, per, maxParts int) []string {
	const cutNote = "\n… (cut to fit Discord)"
	noteLen := utf8.RuneCountInString(cutNote)
	sp := newSplitter(text)
	var out []string
	left := budget
	for len(out) < maxParts {
		room := min(per, left)
		if !sp.trim() {
			return out
		}
		if sp.fits(room) {
			chunk, _ := sp.next(room)
			return append(out, chunk)
		}
		if room < minSplitLimit+noteLen {
			break
		}
		last := len(out) == maxParts-1 || left-room < minSplitLimit+noteLen
		if last {
			chunk, _ := sp.next(room - noteLen)
			return append(out, chunk+cutNote)
		}
		chunk, _ := sp.next(room)
		out = append(out, chunk)
		left -= utf8.RuneCountInString(chunk)
	}
	// Too little room left for a note: mark the cut with an ellipsis.
	if len(out) == 0 {
		return []string{truncateRunes(text, max(min(budget, per), 1))}
	}
	if last := len(out) - 1; left >= 1 && utf8.RuneCountInString(out[last]) < per {
		out[last] += "…"
	}
	return out
}

// renderAnswerText renders an answer as plain message text: the answer,
// the numbered sources and a small footer line. The caller splits it.
func renderAnswerText(a answer.Answer) string {
	var b strings.Builder
	b.WriteString(answerBody(a))
	switch {
	case len(a.Citations) > 0:
		b.WriteString("\n\n" + sourcesHeading + "\n")
		b.WriteString(sourcesList(a.Citations, maxSourcesRunes))
	case len(a.Closest) > 0:
		b.WriteString("\n\n" + closestHeading + "\n")
		b.WriteString(passageList(a.Closest, maxSourcesRunes, closestLine))
	}
	if n := notes(a); n != "" {
		b.WriteString("\n\n" + n)
	}
	b.WriteString("\n-# " + answerFooter(a))
	return b.String()
}

// renderPreview renders partial streamed text for an interim edit.
func renderPreview(text string, limit int) string {
	return truncateRunes(inert.Discord(strings.TrimSpace(text)), limit-2) + " ▌"
}

// renderPreviewEmbed renders partial streamed text as an answer embed.
func renderPreviewEmbed(question, text string) []*discordgo.MessageEmbed {
	return []*discordgo.MessageEmbed{{
		Title:       truncateRunes(oneLine(question), maxTitleRunes),
		Description: renderPreview(text, maxDescriptionRunes),
		Color:       colorAnswer,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Writing…"},
	}}
}

// renderQueued renders the queue position as an embed.
func renderQueued(ahead int) []*discordgo.MessageEmbed {
	return []*discordgo.MessageEmbed{{Description: queuedNotice(ahead), Color: colorAbstained}}
}

// renderNotice renders a short message (an error, a limit) as an embed.
func renderNotice(text string) []*discordgo.MessageEmbed {
	return []*discordgo.MessageEmbed{{Description: truncateRunes(text, maxDescriptionRunes), Color: colorError}}
}

// timelinePageSize is how many events a timeline page shows; with event
// text cut to maxEventRunes a page stays well under 4096 characters.
const (
	timelinePageSize = 8
	maxEventRunes    = 360
)

// timelinePages is how many pages n events fill.
func timelinePages(n int) int { return (n + timelinePageSize - 1) / timelinePageSize }

// describeQuery renders a timeline query for people: "1990–2000 · topic: oil".
func describeQuery(q TimelineQuery) string {
	var parts []string
	switch {
	case q.Year != 0:
		parts = append(parts, formatYear(q.Year))
	case q.From != 0 && q.To != 0:
		parts = append(parts, formatYear(q.From)+"–"+formatYear(q.To))
	case q.From != 0:
		parts = append(parts, "from "+formatYear(q.From))
	case q.To != 0:
		parts = append(parts, "until "+formatYear(q.To))
	}
	if q.Topic != "" {
		parts = append(parts, "topic: "+q.Topic)
	}
	if len(parts) == 0 {
		return "all events"
	}
	return strings.Join(parts, " · ")
}

func formatYear(y int) string {
	if y < 0 {
		return strconv.Itoa(-y) + " BC"
	}
	return strconv.Itoa(y)
}

// eventLine renders one event: "**January 3, 1992** — text `id`".
func eventLine(e corpus.Event) string {
	label := strings.TrimSpace(e.Label)
	if label == "" {
		label = e.Start.String()
	}
	line := "**" + strings.ReplaceAll(oneLine(label), "*", "") + "** — " + truncateRunes(inert.Discord(oneLine(e.Text)), maxEventRunes)
	if e.PassageID != "" {
		line += " `" + strings.ReplaceAll(e.PassageID, "`", "'") + "`"
	}
	if len(e.Flags) > 0 {
		line += " _(" + strings.Join(e.Flags, ", ") + ")_"
	}
	return line
}

// renderTimeline renders one page of events with Previous/Next buttons
// whose custom ids carry the query. Buttons are left out when everything
// fits on one page.
func renderTimeline(q TimelineQuery, events []corpus.Event, page int) ([]*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	pages := timelinePages(len(events))
	e := &discordgo.MessageEmbed{
		Title: truncateRunes("Timeline — "+describeQuery(q), maxTitleRunes),
		Color: colorAnswer,
	}
	if len(events) == 0 {
		e.Description = "No dated events match. Try a wider range or another topic."
		return []*discordgo.MessageEmbed{e}, []discordgo.MessageComponent{}
	}
	start := page * timelinePageSize
	end := min(start+timelinePageSize, len(events))
	lines := make([]string, 0, end-start)
	for _, ev := range events[start:end] {
		lines = append(lines, eventLine(ev))
	}
	e.Description = truncateRunes(strings.Join(lines, "\n"), maxDescriptionRunes)
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d events", page+1, pages, len(events))}
	if pages <= 1 {
		return []*discordgo.MessageEmbed{e}, []discordgo.MessageComponent{}
	}
	prevPage, nextPage := max(page-1, 0), min(page+1, pages-1)
	prevID, err1 := encodeTimelineID(q, prevPage)
	nextID, err2 := encodeTimelineID(q, nextPage)
	if err1 != nil || err2 != nil || prevID == nextID {
		e.Footer.Text += " · narrow the query to page through it"
		return []*discordgo.MessageEmbed{e}, []discordgo.MessageComponent{}
	}
	return []*discordgo.MessageEmbed{e}, []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: prevID, Disabled: page == 0},
			discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: nextID, Disabled: page >= pages-1},
		}},
	}
}

// renderSource renders a passage in full: its text across as many embeds as
// the 6000-character budget allows.
func renderSource(p corpus.Passage) []*discordgo.MessageEmbed {
	title := truncateRunes(p.ID, maxTitleRunes)
	footer := truncateRunes(p.Source, maxFooterRunes)
	if p.Title != "" {
		footer = truncateRunes(p.Title+" · "+p.Source, maxFooterRunes)
	}
	budget := maxEmbedsRunes - utf8.RuneCountInString(title) - utf8.RuneCountInString(footer)
	text := inert.Discord(strings.TrimSpace(p.Text))
	if text == "" {
		text = "(empty passage)"
	}
	parts := fitText(text, budget, maxDescriptionRunes, 2)
	embeds := make([]*discordgo.MessageEmbed, 0, len(parts))
	for i, part := range parts {
		e := &discordgo.MessageEmbed{Description: part, Color: colorAnswer}
		if i == 0 {
			e.Title = title
		}
		embeds = append(embeds, e)
	}
	embeds[len(embeds)-1].Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return embeds
}

// renderHelp says what the bot knows and how to ask.
func renderHelp(info Info, ready bool, botID string) []*discordgo.MessageEmbed {
	name := info.CorpusName
	if name == "" {
		name = "its corpus"
	}
	knows := fmt.Sprintf("I answer questions from **%s**: %d passages and %d dated events. Every answer cites the passages it rests on, as [1], [2]…, and I say so when the passages don't answer a question.",
		name, info.Passages, info.Events)
	if !ready {
		knows = fmt.Sprintf("I answer questions from **%s**. The index is still loading; questions asked now are answered as soon as it is ready.", name)
	}
	mention := "@citebot"
	if botID != "" {
		mention = "<@" + botID + ">"
	}
	how := strings.Join([]string{
		"• `/ask question:` — ask; add `private:True` to see the answer alone",
		"• Mention " + mention + " with a question, or DM me; reply to my answer to follow up",
		"• `/timeline` — dated events, by `year`, `from`/`to` and `topic`",
		"• `/source id:` — a cited passage in full (or pick one from an answer's Sources menu)",
		"• On any message: Apps → **Ask citebot** answers its text",
		"• 👍 / 👎 under an answer tell whoever keeps the documents what to fix",
	}, "\n")
	backend := info.Backend
	if backend == "" {
		backend = "unknown"
	}
	return []*discordgo.MessageEmbed{{
		Title:       "citebot",
		Description: knows,
		Color:       colorAnswer,
		Fields:      []*discordgo.MessageEmbedField{{Name: "How to ask", Value: how}},
		Footer:      &discordgo.MessageEmbedFooter{Text: "Answering backend: " + backend},
	}}
}

// embedsRunes counts the characters Discord counts toward the 6000 limit.
func embedsRunes(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
		for _, f := range e.Fields {
			n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		}
		if e.Footer != nil {
			n += utf8.RuneCountInString(e.Footer.Text)
		}
		if e.Author != nil {
			n += utf8.RuneCountInString(e.Author.Name)
		}
	}
	return n
}

// oneLine folds whitespace, newlines included, to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
