# syntax=docker/dockerfile:1
# Build: a static binary with the same flags scripts/test.sh builds with.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/investbot ./cmd/investbot

# Run: distroless static, non-root, nothing but the binary and CA roots
# (the bundled knowledge base is embedded in the binary).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/investbot /investbot
USER nonroot:nonroot
ENV LISTEN_ADDR=:8080 LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["/investbot", "healthcheck"]
ENTRYPOINT ["/investbot"]
CMD ["run"]
