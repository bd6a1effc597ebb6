# syntax=docker/dockerfile:1
#
# One image per service, built from the monorepo root (see docs/deploy.md):
#   docker build --target k8s-agent    -t sre-orchestrator/k8s-agent:0.1.0 .
#   docker build --target orchestrator -t sre-orchestrator/orchestrator:0.1.0 .
#
# An exact Node.js LTS release on Debian slim (glibc, so prebuilt native addons just work). Bump it on purpose, not by
# a rebuild happening to pull a newer "24-slim".
ARG NODE_IMAGE=node:24.20.0-trixie-slim

# ---- build: every workspace compiled with the full dev toolchain ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund && npm run build
# Keep only what production installs need: each workspace's manifest and compiled output. npm ci needs every
# workspace's package.json to match the lockfile, even those the service does not use.
RUN mkdir -p /out \
 && cp package.json package-lock.json .npmrc /out/ \
 && for dir in packages/* services/*; do \
      mkdir -p "/out/$dir" && cp "$dir/package.json" "/out/$dir/" \
      && if [ -d "$dir/dist" ]; then cp -R "$dir/dist" "/out/$dir/"; fi; \
    done \
 && find /out -path '*/dist/*' \( -name '*.d.ts' -o -name '*.d.ts.map' -o -name '*.tsbuildinfo' \) -delete

# ---- production dependencies of one service ----
FROM ${NODE_IMAGE} AS production-base
WORKDIR /app
COPY --from=build /out/ ./
# Drops the workspaces a service does not link (npm links only the ones it depends on) and files nothing loads at
# run time: type declarations, source maps and docs are about half of node_modules.
RUN cat > /usr/local/bin/prune-bundle <<'SCRIPT'
#!/bin/sh
set -eu
service_dir="$1"
for dir in packages/* services/*; do
  name=$(node -p "require('./$dir/package.json').name")
  if [ "$dir" != "$service_dir" ] && [ ! -e "node_modules/$name" ]; then rm -rf "$dir"; fi
done
find node_modules \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' -o -name '*.md' \) \
  -type f -delete
rm -f package-lock.json .npmrc
SCRIPT
RUN chmod 0755 /usr/local/bin/prune-bundle

FROM production-base AS k8s-agent-bundle
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --workspace services/k8s-agent --include-workspace-root=false --ignore-scripts \
      --no-audit --no-fund \
 && prune-bundle services/k8s-agent

FROM production-base AS orchestrator-bundle
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --workspace services/orchestrator --include-workspace-root=false --ignore-scripts \
      --no-audit --no-fund \
 && prune-bundle services/orchestrator

# ---- runtime: node and the bundle, nothing else ----
FROM ${NODE_IMAGE} AS runtime
# Production mode for every library that reads it (fastify, pino); see https://nodejs.org/en/learn/getting-started/nodejs-the-difference-between-development-and-production
ENV NODE_ENV=production
# The services run with `node` directly and never need a package manager: removing them shrinks what scanners
# report and what an intruder could use.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg \
      /opt/yarn-*
WORKDIR /app
# Numeric, so Kubernetes can verify runAsNonRoot; uid 1000 is the image's "node" user. Files stay root-owned and
# read-only to it, and nothing is written outside /tmp, so readOnlyRootFilesystem holds.
USER 1000:1000

FROM runtime AS k8s-agent
COPY --from=k8s-agent-bundle /app/ ./
EXPOSE 8081
# node as PID 1 receives SIGTERM itself; the services close gracefully on it (close-with-grace).
CMD ["node", "services/k8s-agent/dist/main.js"]

FROM runtime AS orchestrator
COPY --from=orchestrator-bundle /app/ ./
EXPOSE 8080
CMD ["node", "services/orchestrator/dist/main.js"]
