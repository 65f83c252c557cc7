package fakediscord

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// post sends a JSON request to the fake and returns the status and the
// Discord error code.
func post(t *testing.T, s *Server, method, path, body string) (int, int) {
	t.Helper()
	req, err := http.NewRequest(method, s.APIURL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct {
		Code int `json:"code"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp.StatusCode, e.Code
}

// interaction registers an interaction as if it had been dispatched.
func newInteraction(s *Server, id string) string {
	token := "tok-" + id
	s.mu.Lock()
	defer s.mu.Unlock()
	s.interactions[token] = &interaction{id: id, token: token, created: time.Now().Add(s.offset), original: s.NewID()}
	return token
}

const okMessage = `{"content":"hi","allowed_mentions":{"parse":[]}}`

func TestInteractionDeadlines(t *testing.T) {
	s := New(t)
	s.ExpectViolations()
	tok := newInteraction(s, "1")
	cb := "interactions/1/" + tok + "/callback"
	edit := "webhooks/" + AppID + "/" + tok + "/messages/@original"
	if status, _ := post(t, s, "PATCH", edit, okMessage); status != 404 {
		t.Errorf("edit before the callback: %d, want 404", status)
	}
	if status, _ := post(t, s, "POST", cb, `{"type":5,"data":{"allowed_mentions":{"parse":[]}}}`); status != 204 {
		t.Errorf("first callback: %d", status)
	}
	if status, code := post(t, s, "POST", cb, `{"type":4,"data":`+okMessage+`}`); status != 400 || code != 40060 {
		t.Errorf("second callback: %d %d, want 400 40060", status, code)
	}
	if status, _ := post(t, s, "PATCH", edit, okMessage); status != 200 {
		t.Errorf("edit: %d", status)
	}
	s.Advance(TokenLife + time.Second)
	if status, code := post(t, s, "PATCH", edit, okMessage); status != 401 || code != 50027 {
		t.Errorf("edit after 15 min: %d %d, want 401 50027", status, code)
	}

	late := newInteraction(s, "2")
	s.Advance(CallbackDeadline + time.Millisecond)
	if status, code := post(t, s, "POST", "interactions/2/"+late+"/callback", `{"type":5}`); status != 404 || code != 10062 {
		t.Errorf("late callback: %d %d, want 404 10062", status, code)
	}
	if n := len(s.Violations()); n != 4 {
		t.Errorf("%d violations recorded, want 4: %v", n, s.Violations())
	}
}

func TestPayloadLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	embed := func(fields string) string { return `{"embeds":[{` + fields + `}],"allowed_mentions":{"parse":[]}}` }
	for name, body := range map[string]string{
		"no allowed_mentions": `{"content":"hi"}`,
		"content":             `{"content":"` + long(2001) + `","allowed_mentions":{"parse":[]}}`,
		"title":               embed(`"title":"` + long(257) + `"`),
		"description":         embed(`"description":"` + long(4097) + `"`),
		"field value":         embed(`"fields":[{"name":"n","value":"` + long(1025) + `"}]`),
		"26 fields":           embed(`"fields":[` + strings.Repeat(`{"name":"n","value":"v"},`, 25) + `{"name":"n","value":"v"}]`),
		"6000 in all":         `{"embeds":[{"description":"` + long(4000) + `"},{"description":"` + long(2001) + `"}],"allowed_mentions":{"parse":[]}}`,
		"11 embeds":           `{"embeds":[` + strings.Repeat(`{},`, 10) + `{}],"allowed_mentions":{"parse":[]}}`,
		"custom_id":           `{"content":"x","components":[{"type":1,"components":[{"type":2,"custom_id":"` + long(101) + `"}]}],"allowed_mentions":{"parse":[]}}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := New(t)
			s.ExpectViolations()
			if status, code := post(t, s, "POST", "channels/1/messages", body); status != 400 || code != 50035 {
				t.Errorf("%d %d, want 400 50035", status, code)
			}
			if len(s.Violations()) != 1 {
				t.Errorf("violations = %v", s.Violations())
			}
		})
	}
	s := New(t)
	if status, _ := post(t, s, "POST", "channels/1/messages", embed(`"title":"`+long(256)+`","description":"`+long(4096)+`"`)); status != 200 {
		t.Errorf("a message at the limits was refused: %d", status)
	}
}

func TestAutocompleteLimits(t *testing.T) {
	s := New(t)
	s.ExpectViolations()
	tooMany := `{"type":8,"data":{"choices":[` + strings.Repeat(`{"name":"a","value":"a"},`, 25) + `{"name":"a","value":"a"}]}}`
	for i, body := range []string{tooMany, `{"type":8,"data":{"choices":[{"name":"` + strings.Repeat("y", 101) + `","value":"y"}]}}`, `{"type":8,"data":{}}`} {
		id := string(rune('a' + i))
		tok := newInteraction(s, id)
		if status, _ := post(t, s, "POST", "interactions/"+id+"/"+tok+"/callback", body); status != 400 {
			t.Errorf("choices %d: %d, want 400", i, status)
		}
	}
}

func TestRateLimitAndFaults(t *testing.T) {
	s := New(t)
	s.RateLimitOnce(Route("POST", "/api/v9/channels/1/messages"), 0.25)
	s.RateLimitGlobalOnce(Route("POST", "/api/v9/channels/2/messages"), 1)
	s.Fail(Route("POST", "/api/v9/channels/3/messages"), 2, 500, "")
	for _, tc := range []struct {
		path   string
		status []int
	}{
		{"channels/1/messages", []int{429, 200}},
		{"channels/2/messages", []int{429, 200}},
		{"channels/3/messages", []int{500, 500, 200}},
	} {
		for _, want := range tc.status {
			if got, _ := post(t, s, "POST", tc.path, okMessage); got != want {
				t.Errorf("%s: %d, want %d", tc.path, got, want)
			}
		}
	}
	for _, r := range s.Requests() {
		if r.Status == 429 && r.Path == "/api/v9/channels/2/messages" && !strings.Contains(string(r.Body), "hi") {
			t.Error("the request body was not recorded")
		}
	}
}

func TestShardOf(t *testing.T) {
	if ShardOf("4194304", 2) != 1 || ShardOf("8388608", 2) != 0 || ShardOf(GuildID, 1) != 0 {
		t.Error("ShardOf does not follow (id >> 22) % n")
	}
}
