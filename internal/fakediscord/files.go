package fakediscord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"regexp"
	"strconv"
	"strings"
)

// Upload limits: files per message, and bytes per file (a server without
// boosts).
const (
	MaxFiles    = 10
	MaxFileSize = 10 << 20
)

// File is a file uploaded with a multipart/form-data request.
type File struct {
	Field       string // "files[0]"
	Name        string // the filename
	ContentType string
	Data        []byte
}

var filesField = regexp.MustCompile(`^files\[(\d+)\]$`)

// readMultipart splits a multipart/form-data body into its payload_json
// and its files, as Discord reads it; problem says what Discord would
// reject.
func readMultipart(contentType string, body []byte) (payload []byte, files []File, problem string) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["boundary"] == "" {
		return nil, nil, "multipart request without a boundary"
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	seenPayload := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return payload, files, "malformed multipart body: " + err.Error()
		}
		data, err := io.ReadAll(io.LimitReader(part, MaxFileSize+1))
		if err != nil {
			return payload, files, "malformed multipart part: " + err.Error()
		}
		switch name := part.FormName(); {
		case name == "payload_json":
			payload, seenPayload = data, true
		case filesField.MatchString(name):
			if part.FileName() == "" {
				return payload, files, name + " without a filename"
			}
			if len(data) > MaxFileSize {
				return payload, files, fmt.Sprintf("%s is over %d bytes", part.FileName(), MaxFileSize)
			}
			files = append(files, File{Field: name, Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data})
		default:
			return payload, files, fmt.Sprintf("unexpected form field %q", name)
		}
	}
	switch {
	case !seenPayload:
		return payload, files, "multipart request without payload_json"
	case len(files) > MaxFiles:
		return payload, files, fmt.Sprintf("%d files (max %d)", len(files), MaxFiles)
	}
	for _, f := range files {
		if f.ContentType == "image/png" && !bytes.HasPrefix(f.Data, []byte("\x89PNG\r\n\x1a\n")) {
			return payload, files, f.Name + " is sent as image/png but is not a PNG"
		}
	}
	return payload, files, ""
}

// attachments works out a message's files after a create or an edit: the
// files it kept (an edit without an attachments list keeps all; with one,
// those it names by id) plus those uploaded now, each of which the
// attachments list must name by its files[n] index when the list is
// given. It also checks that every attachment:// URL in the embeds names
// one of them.
func attachments(payload []byte, uploaded []File, kept map[string]string) (map[string]string, []string) {
	var p struct {
		Attachments *[]struct {
			ID       json.RawMessage `json:"id"`
			Filename string          `json:"filename"`
		} `json:"attachments"`
		Embeds []struct {
			Image *struct {
				URL string `json:"url"`
			} `json:"image"`
			Thumbnail *struct {
				URL string `json:"url"`
			} `json:"thumbnail"`
		} `json:"embeds"`
	}
	var problems []string
	_ = json.Unmarshal(payload, &p)
	now := map[string]string{} // id → filename
	if p.Attachments == nil {
		for id, name := range kept {
			now[id] = name
		}
	}
	named := map[int]bool{}
	if p.Attachments != nil {
		for _, a := range *p.Attachments {
			id := strings.Trim(string(a.ID), `"`)
			if name, ok := kept[id]; ok {
				now[id] = name
				continue
			}
			n, err := strconv.Atoi(id)
			if err != nil || n < 0 || n >= len(uploaded) {
				problems = append(problems, fmt.Sprintf("attachment id %s names no uploaded file and no kept attachment", id))
				continue
			}
			named[n] = true
		}
	}
	for i, f := range uploaded {
		if p.Attachments != nil && !named[i] {
			problems = append(problems, fmt.Sprintf("%s is uploaded but not in the attachments list", f.Field))
		}
		now["new-"+strconv.Itoa(i)] = f.Name
	}
	have := map[string]bool{}
	for _, name := range now {
		have[name] = true
	}
	for i, e := range p.Embeds {
		for _, u := range []*struct {
			URL string `json:"url"`
		}{e.Image, e.Thumbnail} {
			if u == nil {
				continue
			}
			if name, ok := strings.CutPrefix(u.URL, "attachment://"); ok && !have[name] {
				problems = append(problems, fmt.Sprintf("embed %d shows attachment://%s, which the message does not have", i, name))
			}
		}
	}
	return now, problems
}
