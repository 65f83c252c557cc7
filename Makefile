# Builds and releases of citebot. `make help` lists the targets.
# VERSION is what `citebot --version` prints: by default `git describe`
# (a tag such as v1.2.0, or the commit), else "dev".

VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.stampedVersion=$(VERSION)
PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64
DIST      ?= dist
# The container tool: podman, or docker.
CONTAINER ?= $(shell command -v podman 2>/dev/null || command -v docker 2>/dev/null || echo podman)
IMAGE     ?= citebot:$(VERSION)
GO        ?= go

.PHONY: help build release image image-host clean

help:
	@echo "make build        ./citebot for this machine, version $(VERSION)"
	@echo "make release      $(DIST)/citebot_$(VERSION)_<os>_<arch>.tar.gz (.zip for Windows) and SHA256SUMS for: $(PLATFORMS)"
	@echo "make image        container image $(IMAGE) from Dockerfile (pulls golang and builds inside)"
	@echo "make image-host   container image $(IMAGE) from a binary built here (Containerfile.host, no base image pulled)"
	@echo "Override VERSION=v1.2.3, PLATFORMS=..., CONTAINER=docker."

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o citebot ./cmd/citebot

# One archive a platform: the binary, the README, .env.example and docs/,
# then SHA256SUMS over the archives.
release:
	@rm -rf $(DIST) && mkdir -p $(DIST)
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; name=citebot_$(VERSION)_$${os}_$${arch}; dir=$(DIST)/$$name; \
		exe=citebot; [ $$os = windows ] && exe=citebot.exe; \
		echo "build $$p"; \
		mkdir -p $$dir; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $$dir/$$exe ./cmd/citebot; \
		cp README.md .env.example $$dir/; cp -R docs $$dir/docs; \
		if [ $$os = windows ]; then (cd $(DIST) && zip -qr $$name.zip $$name); \
		else tar -C $(DIST) -czf $(DIST)/$$name.tar.gz $$name; fi; \
		rm -rf $$dir; \
	done
	@cd $(DIST) && sha256sum citebot_* > SHA256SUMS && cat SHA256SUMS

image:
	$(CONTAINER) build --build-arg VERSION=$(VERSION) -t $(IMAGE) .

# The final stage alone, from a linux binary built on this machine: for
# machines that cannot pull the golang image. GOARCH follows this machine.
image-host:
	@rm -rf $(DIST)/image && mkdir -p $(DIST)/image/data
	CGO_ENABLED=0 GOOS=linux $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(DIST)/image/citebot ./cmd/citebot
	cp /etc/ssl/certs/ca-certificates.crt $(DIST)/image/
	$(CONTAINER) build -f Containerfile.host -t $(IMAGE) $(DIST)/image

clean:
	rm -rf $(DIST) citebot
