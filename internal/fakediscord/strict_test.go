package fakediscord

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
)

// TestComponentsChecked: what Discord rejects in buttons and select menus
// the fake rejects too.
func TestComponentsChecked(t *testing.T) {
	button := func(extra string) string {
		return `{"type":2,"style":2` + extra + `}`
	}
	msg := func(rows ...string) string {
		return `{"content":"x","allowed_mentions":{"parse":[]},"components":[` + strings.Join(rows, ",") + `]}`
	}
	row := func(cs ...string) string { return `{"type":1,"components":[` + strings.Join(cs, ",") + `]}` }
	menu := func(opts string) string {
		return `{"type":3,"custom_id":"m","options":[` + opts + `]}`
	}
	tests := []struct {
		name, body, problem string
	}{
		{"valid", msg(row(button(`,"custom_id":"a","emoji":{"name":"👍"}`)), row(menu(`{"label":"L","value":"v"}`))), ""},
		{"button without custom_id", msg(row(button(`,"label":"x"`))), "custom_id"},
		{"button without label or emoji", msg(row(button(`,"custom_id":"a"`))), "neither a label nor an emoji"},
		{"duplicate custom ids", msg(row(button(`,"custom_id":"a","label":"x"`), button(`,"custom_id":"a","label":"y"`))), "used twice"},
		{"button outside a row", msg(button(`,"custom_id":"a","label":"x"`)), "action row"},
		{"menu sharing a row", msg(row(menu(`{"label":"L","value":"v"}`), button(`,"custom_id":"a","label":"x"`))), "shares its row"},
		{"menu without options", msg(row(menu(``))), "0 options"},
		{"menu with 26 options", msg(row(menu(strings.TrimSuffix(strings.Repeat(`{"label":"L","value":"v"},`, 26), ",")))), "26 options"},
		{"option value too long", msg(row(menu(`{"label":"L","value":"` + strings.Repeat("v", 101) + `"}`))), "1 to 100"},
	}
	for _, tt := range tests {
		problems := strings.Join(checkPayload([]byte(tt.body), true), "; ")
		if tt.problem == "" && problems != "" || !strings.Contains(problems, tt.problem) {
			t.Errorf("%s: problems %q, want %q", tt.name, problems, tt.problem)
		}
	}
}

func TestCommandsChecked(t *testing.T) {
	tests := []struct {
		name, body, problem string
	}{
		{"valid", `[{"name":"ask","description":"Ask"},{"name":"Ask citebot","type":3}]`, ""},
		{"slash command with a space", `[{"name":"Ask citebot","description":"Ask"}]`, "slash command name"},
		{"slash command without description", `[{"name":"ask"}]`, "description of 0"},
		{"message command with a description", `[{"name":"Ask citebot","type":3,"description":"x"}]`, "has a description"},
		{"twice", `[{"name":"ask","description":"a"},{"name":"ask","description":"b"}]`, "twice"},
	}
	for _, tt := range tests {
		problems := strings.Join(checkCommands([]byte(tt.body)), "; ")
		if tt.problem == "" && problems != "" || !strings.Contains(problems, tt.problem) {
			t.Errorf("%s: problems %q, want %q", tt.name, problems, tt.problem)
		}
	}
}

func TestThreadsChecked(t *testing.T) {
	s := New(t)
	s.ExpectViolations()
	start := func(channel, message, body string) int {
		status, _ := post(t, s, "POST", "channels/"+channel+"/messages/"+message+"/threads", body)
		return status
	}
	if status := start("1", "10", `{"name":"A question","auto_archive_duration":1440}`); status != 201 {
		t.Fatalf("first thread: %d", status)
	}
	if status := start("1", "10", `{"name":"Again"}`); status != 400 {
		t.Errorf("a second thread on one message: %d, want 400", status)
	}
	if status := start("10", "11", `{"name":"Nested"}`); status != 400 {
		t.Errorf("a thread in a thread: %d, want 400", status)
	}
	if status := start("1", "12", `{"name":"`+strings.Repeat("n", 101)+`"}`); status != 400 {
		t.Errorf("a 101-character name: %d, want 400", status)
	}
	if status := start("1", "13", `{"name":"ok","auto_archive_duration":5}`); status != 400 {
		t.Errorf("auto_archive_duration 5: %d, want 400", status)
	}
	if n := len(s.Violations()); n != 4 {
		t.Errorf("%d violations, want 4: %v", n, s.Violations())
	}
}

func TestAttachmentsChecked(t *testing.T) {
	pngData := []byte("\x89PNG\r\n\x1a\nrest")
	upload := func(s *Server, tok, payload string, name string, data []byte) int {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		pj, _ := w.CreateFormField("payload_json")
		pj.Write([]byte(payload))
		if name != "" {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", `form-data; name="files[0]"; filename="`+name+`"`)
			h.Set("Content-Type", "image/png")
			f, _ := w.CreatePart(h)
			f.Write(data)
		}
		w.Close()
		req, _ := http.NewRequest("PATCH", s.APIURL()+"webhooks/"+AppID+"/"+tok+"/messages/@original", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	const withImage = `{"embeds":[{"title":"t","image":{"url":"attachment://c.png"}}],"attachments":[{"id":0,"filename":"c.png"}]}`
	tests := []struct {
		name, payload, file string
		data                []byte
		want                int
	}{
		{"valid", withImage, "c.png", pngData, 200},
		{"image without the file", `{"embeds":[{"title":"t","image":{"url":"attachment://c.png"}}]}`, "", nil, 400},
		{"file missing from the attachments list", `{"attachments":[]}`, "c.png", pngData, 400},
		{"not a PNG", withImage, "c.png", []byte("GIF89a"), 400},
	}
	for _, tt := range tests {
		s := New(t)
		s.ExpectViolations()
		tok := newInteraction(s, "1")
		if status, _ := post(t, s, "POST", "interactions/1/"+tok+"/callback", `{"type":5,"data":{"allowed_mentions":{"parse":[]}}}`); status != 204 {
			t.Fatal(status)
		}
		if got := upload(s, tok, tt.payload, tt.file, tt.data); got != tt.want {
			t.Errorf("%s: status %d, want %d (violations %v)", tt.name, got, tt.want, s.Violations())
		}
		if tt.want == 200 {
			// A later edit without files keeps the chart.
			if status, _ := post(t, s, "PATCH", "webhooks/"+AppID+"/"+tok+"/messages/@original", `{"embeds":[{"title":"p2","image":{"url":"attachment://c.png"}}]}`); status != 200 {
				t.Errorf("edit keeping the file: %d (%v)", status, s.Violations())
			}
		}
	}
}
