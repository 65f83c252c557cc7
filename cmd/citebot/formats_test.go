package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// mixedDocs is a docs folder of every format citebot reads: a Markdown
// handbook (front matter, nested headings, a table, a list, a code block
// with a date), an HTML page (navigation, footer, script), a PDF report, a
// plain-text note, and a citebot.toml with the site's address.
var mixedDocs = filepath.Join("..", "..", "corpus", "testdata", "formats")

type citedJSON struct {
	Answer    string `json:"answer"`
	Abstained bool   `json:"abstained"`
	Citations []struct {
		ID      string `json:"id"`
		Section string `json:"section"`
		URL     string `json:"url"`
		Page    int    `json:"page"`
		Text    string `json:"text"`
	} `json:"citations"`
	Passages []struct {
		ID      string  `json:"id"`
		Section *string `json:"section"`
		URL     *string `json:"url"`
	} `json:"passages"`
}

func TestEndToEndMixedFormatsCiteSectionsAndLinks(t *testing.T) {
	data := t.TempDir()
	if code, out, errOut := runCLI(t, "", "index", "--corpus", mixedDocs, "--data", data); code != 0 || strings.Contains(errOut, "warning") {
		t.Fatalf("index: exit %d\n%s\n%s", code, out, errOut)
	}
	// The question finds its table first, under its section, and
	// is answered from the TF-300 row, quoted with its header.
	t.Run("the TF-300 question retrieves its table first", func(t *testing.T) {
		code, out, errOut := runCLI(t, "", "ask", "--json", "--corpus", mixedDocs, "--data", data, "What is the calibration interval for the TF-300?")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var res citedJSON
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Passages) == 0 || res.Passages[0].ID != "handbook.md#3" || *res.Passages[0].Section != "Instrument Handbook › Calibration intervals" || *res.Passages[0].URL != "https://docs.example.com/handbook#calibration-intervals" {
			t.Fatalf("passages %s", out)
		}
		if res.Abstained || !strings.Contains(res.Answer, "12 months") || strings.Contains(res.Answer, "TF-400") {
			t.Fatalf("answer %q", res.Answer)
		}
	})
	tests := []struct {
		question, answer, id, section, url string
		page                               int
		not                                string
	}{
		{"Which calibration interval applies to the TF-300?", "12 months", "handbook.md#3", "Instrument Handbook › Calibration intervals", "https://docs.example.com/handbook#calibration-intervals", 0, "TF-400"},
		{"Who checks the TF-400?", "Metrology lab", "handbook.md#3", "Instrument Handbook › Calibration intervals", "https://docs.example.com/handbook#calibration-intervals", 0, "TF-20"},
		{"What temperature is the warm bath kept at?", "37.0", "site/calibration.html#2", "Calibration — Survey Docs › Bath temperatures", "https://docs.example.com/survey/calibration/#bath-temperatures", 0, "0.01"},
		{"How much did the TF-300 thermometers drift between recalibrations?", "0.2 degrees", "report.pdf#p2.1", "", "https://docs.example.com/report.pdf#page=2", 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.question, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", "ask", "--json", "--corpus", mixedDocs, "--data", data, tc.question)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var res citedJSON
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatal(err)
			}
			if res.Abstained || len(res.Citations) == 0 || !strings.Contains(res.Answer, tc.answer) || tc.not != "" && strings.Contains(res.Answer, tc.not) {
				t.Fatalf("answer %q (abstained %v), want one with %q", res.Answer, res.Abstained, tc.answer)
			}
			c := res.Citations[0]
			if c.ID != tc.id || c.Section != tc.section || c.URL != tc.url || c.Page != tc.page {
				t.Fatalf("cited %s section %q url %q page %d", c.ID, c.Section, c.URL, c.Page)
			}
			for _, p := range res.Passages {
				if p.Section == nil || p.URL == nil {
					t.Fatalf("passage %s lacks section or url: %s", p.ID, out)
				}
			}
		})
	}
	t.Run("human output", func(t *testing.T) {
		code, out, errOut := runCLI(t, "", "ask", "--corpus", mixedDocs, "--data", data, "Which calibration interval applies to the TF-300?")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		want := "  [1] handbook.md#3 — Instrument Handbook › Calibration intervals\n      https://docs.example.com/handbook#calibration-intervals\n      \""
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
		code, out, _ = runCLI(t, "", "ask", "--corpus", mixedDocs, "--data", data, "How much did the TF-300 thermometers drift between recalibrations?")
		if code != 0 || !strings.Contains(out, "report.pdf#p2.1 — p. 2\n      https://docs.example.com/report.pdf#page=2\n") {
			t.Fatalf("output lacks the page:\n%s", out)
		}
	})
	t.Run("timeline reads prose only", func(t *testing.T) {
		code, out, errOut := runCLI(t, "", "timeline", "--json", "--corpus", mixedDocs, "--data", data)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Events []struct{ Start, ID string } `json:"events"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		var events []string
		for _, e := range got.Events {
			events = append(events, e.Start+" "+e.ID)
		}
		// Not 2023-11-05 (a code block), 2024-03-01 (front matter), 2021
		// (a script) or 2024-05-01 (a footer).
		if want := "2019 notes.txt#1,2022-10-03 notes.txt#2"; strings.Join(events, ",") != want {
			t.Fatalf("events %q, want %s", events, want)
		}
	})
}
