package corpus

import (
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// frontMatter is what citebot reads from a Markdown file's YAML front matter.
type frontMatter struct {
	Title string
	URL   string
	Date  string
	Tags  []string
}

// splitFrontMatter separates YAML front matter (between a first line "---"
// and a closing "---" or "..." line) from the body. It returns the fields
// read, the body, and the number of lines before the body. Front matter that
// is not valid YAML is warned about and left out all the same; without a
// closing line, "---" is a thematic break and there is no front matter.
func splitFrontMatter(src string, warn func(string)) (frontMatter, string, int) {
	first, rest, ok := strings.Cut(src, "\n")
	if !ok || strings.TrimSpace(first) != "---" {
		return frontMatter{}, src, 0
	}
	lines := 1
	for pos := 0; pos < len(rest); {
		line, next := rest[pos:], len(rest)
		if end := strings.IndexByte(rest[pos:], '\n'); end >= 0 {
			line, next = rest[pos:pos+end], pos+end+1
		}
		lines++
		if l := strings.TrimSpace(line); l == "---" || l == "..." {
			return parseFrontMatter(rest[:pos], warn), rest[next:], lines
		}
		pos = next
	}
	return frontMatter{}, src, 0
}

func parseFrontMatter(y string, warn func(string)) frontMatter {
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(y), &raw); err != nil {
		warn(fmt.Sprintf("front matter is not valid YAML (%s); its fields were ignored", strings.TrimPrefix(err.Error(), "yaml: ")))
		return frontMatter{}
	}
	var fm frontMatter
	fm.Title = scalar(raw["title"])
	fm.URL = scalar(raw["url"])
	fm.Date = scalar(raw["date"])
	switch t := raw["tags"].(type) {
	case []any:
		for _, v := range t {
			if s := scalar(v); s != "" {
				fm.Tags = append(fm.Tags, s)
			}
		}
	case string:
		for _, s := range strings.Split(t, ",") {
			if s = strings.TrimSpace(s); s != "" {
				fm.Tags = append(fm.Tags, s)
			}
		}
	}
	return fm
}

// scalar is a YAML scalar as text; "" for maps, lists and nulls.
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	case int, int64, float64, bool:
		return fmt.Sprint(v)
	}
	return ""
}
