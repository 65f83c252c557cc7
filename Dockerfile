# syntax=docker/dockerfile:1
# citebot serve in a container: `make image`, or
#   docker build --build-arg VERSION=v1.2.3 -t citebot .
# Stage `build` compiles a static binary (CGO_ENABLED=0); the final stage is
# `scratch` with CA certificates, run as a non-root user (65532), the data
# folder a volume, configured by environment. Containerfile.host is the same
# final stage for a binary built on the host (`make image-host`), for
# machines that cannot pull the golang image: keep the two in step
# (internal/ops/deploy_test.go checks).
ARG GO_VERSION=1.26
FROM docker.io/library/golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.stampedVersion=${VERSION}" -o /out/citebot ./cmd/citebot \
 && mkdir -p /out/data

FROM scratch AS final
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/citebot /citebot
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
# The index lives in /data (a volume); mount documents read-only and set
# CITEBOT_CORPUS to their folder (without it, the built-in corpus).
ENV CITEBOT_DATA=/data \
    CITEBOT_HTTP_ADDR=:9090 \
    CITEBOT_LOG_FORMAT=json \
    HOME=/data
VOLUME /data
EXPOSE 9090
STOPSIGNAL SIGTERM
ENTRYPOINT ["/citebot"]
CMD ["serve"]
