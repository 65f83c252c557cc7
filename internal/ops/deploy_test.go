package ops

import (
	"os"
	"strings"
	"testing"
)

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// finalStage is a container file's instructions from its last FROM on,
// comments and blank lines dropped.
func finalStage(file string) []string {
	var lines []string
	for l := range strings.Lines(file) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasPrefix(l, "FROM ") {
			lines = nil
		}
		lines = append(lines, l)
	}
	return lines
}

// TestContainerFiles: the Dockerfile's final stage and Containerfile.host
// (the same stage from a binary built on the host) agree line for line,
// apart from where the files come from; the image runs as a non-root user
// with /data a volume; .env never enters the build context.
func TestContainerFiles(t *testing.T) {
	docker := finalStage(readRepoFile(t, "Dockerfile"))
	host := finalStage(readRepoFile(t, "Containerfile.host"))
	fromHost := strings.NewReplacer("COPY --from=build /etc/ssl/certs/ca-certificates.crt ", "COPY ca-certificates.crt ",
		"--from=build /out/citebot ", "citebot ", "--from=build --chown=65532:65532 /out/data ", "--chown=65532:65532 data ")
	if len(docker) != len(host) {
		t.Fatalf("final stages differ in length:\n%s\n---\n%s", strings.Join(docker, "\n"), strings.Join(host, "\n"))
	}
	for i := range docker {
		if got := fromHost.Replace(docker[i]); got != host[i] {
			t.Errorf("line %d: Dockerfile %q, Containerfile.host %q", i+1, docker[i], host[i])
		}
	}
	stage := strings.Join(host, "\n")
	for _, want := range []string{"FROM scratch", "USER 65532:65532", "VOLUME /data", "CITEBOT_DATA=/data", `ENTRYPOINT ["/citebot"]`, `CMD ["serve"]`, "/etc/ssl/certs/ca-certificates.crt"} {
		if !strings.Contains(stage, want) {
			t.Errorf("final stage lacks %q", want)
		}
	}
	if !strings.Contains(readRepoFile(t, "Dockerfile"), "CGO_ENABLED=0") {
		t.Error("the Dockerfile's build is not static")
	}
	ignored := strings.Fields(readRepoFile(t, ".dockerignore"))
	if !contains(ignored, ".env") {
		t.Error(".env (the token) is not in .dockerignore")
	}
}

// TestServiceFiles: the systemd unit and compose file carry what
// docs/deploy.md promises.
func TestServiceFiles(t *testing.T) {
	unit := readRepoFile(t, "docs/citebot.service")
	for _, want := range []string{"Type=notify", "DynamicUser=yes", "StateDirectory=citebot", "ProtectSystem=strict",
		"NoNewPrivileges=yes", "Restart=on-failure", "EnvironmentFile=", "ExecStart=/usr/local/bin/citebot serve"} {
		if !strings.Contains(unit, "\n"+want) {
			t.Errorf("citebot.service lacks %q", want)
		}
	}
	compose := readRepoFile(t, "docs/compose.yaml")
	for _, want := range []string{"CITEBOT_LLM: ollama", "CITEBOT_LLM_BASE_URL: http://ollama:11434", ":/corpus:ro", "citebot-data:/data", `"127.0.0.1:9090:9090"`} {
		if !strings.Contains(compose, want) {
			t.Errorf("compose.yaml lacks %q", want)
		}
	}
	if strings.Contains(compose, "\t") {
		t.Error("compose.yaml has a tab; YAML indents with spaces")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
