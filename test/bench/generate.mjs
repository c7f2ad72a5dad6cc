// Synthetic Dockerfiles of an exact line count, built from a realistic multi-stage template:
// parser directives, global ARGs, build/test/runtime stages, ARG/ENV with references, long RUN
// chains with continuations, cache mounts, a heredoc, COPY --from, LABEL, HEALTHCHECK, JSON CMD.
// Deterministic: the same size always gives the same text.

const HEADER = ['# syntax=docker/dockerfile:1.7', '# check=skip=JSONArgsRecommended', '', 'ARG BASE_IMAGE=debian:bookworm-slim', 'ARG GO_VERSION=1.22', 'ARG APP_VERSION=0.0.0', ''];

/** One block of a few stages; `n` keeps names and values distinct between blocks. */
function block(n) {
  const packages = ['ca-certificates', 'curl', 'git', 'make', 'gcc', 'libc6-dev', 'pkg-config', 'unzip', 'xz-utils', 'tzdata'];
  const run = packages.map((p, i) => `    ${i === 0 ? '' : '&& '}apt-get install -y --no-install-recommends ${p}=\${${p.replace(/[^a-z]/g, '_').toUpperCase()}_VERSION:-latest} \\`);
  return [
    `# ---- block ${n}: build ----`,
    `FROM golang:\${GO_VERSION}-bookworm AS build${n}`,
    'ARG APP_VERSION',
    `ARG TARGETOS TARGETARCH`,
    `ENV CGO_ENABLED=0 GOFLAGS="-trimpath" APP_HOME=/src/app${n}`,
    'WORKDIR $APP_HOME',
    'COPY go.mod go.sum ./',
    'RUN --mount=type=cache,target=/go/pkg/mod \\',
    '    --mount=type=cache,target=/root/.cache/go-build \\',
    '    go mod download',
    'RUN apt-get update \\',
    ...run,
    '    && rm -rf /var/lib/apt/lists/*',
    'COPY . .',
    `RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags "-X main.version=\${APP_VERSION}" -o /out/app${n} ./cmd/app`,
    '',
    `FROM build${n} AS test${n}`,
    'RUN <<EOF',
    'set -eu',
    'go vet ./...',
    `go test -count=1 ./... > /tmp/test${n}.log`,
    'EOF',
    '',
    `FROM \${BASE_IMAGE} AS runtime${n}`,
    'ARG APP_VERSION',
    `LABEL org.opencontainers.image.version="\${APP_VERSION}" org.opencontainers.image.title="app${n}"`,
    `ENV PATH=/opt/app${n}/bin:$PATH \\`,
    '    LOG_LEVEL=info',
    'RUN groupadd --system app && useradd --system --gid app --home /opt/app app',
    `COPY --from=build${n} --chown=app:app /out/app${n} /opt/app${n}/bin/app`,
    'USER app',
    'EXPOSE 8080/tcp',
    'HEALTHCHECK --interval=30s --timeout=3s CMD ["/opt/app/bin/app", "health"]',
    'ENTRYPOINT ["/opt/app/bin/app"]',
    'CMD ["serve", "--port", "8080"]',
    '',
  ];
}

/** A Dockerfile of exactly `lines` lines (the last block is cut at an instruction boundary). */
export function generateDockerfile(lines) {
  const out = [...HEADER];
  for (let n = 0; out.length < lines; n++) {
    const next = block(n);
    if (out.length + next.length <= lines) {
      out.push(...next);
      continue;
    }
    // Fill the rest with whole single-line instructions and comments.
    while (out.length < lines) out.push(out.length % 3 === 0 ? `# filler ${out.length}` : `ENV FILL_${out.length}=$APP_VERSION`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}
