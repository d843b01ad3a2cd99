# syntax=docker/dockerfile:1
# One image recipe for every service and the gateway. APP picks what the container runs:
#   docker build --build-arg APP=services/identity -t yinqi-identity .
#   docker build --build-arg APP=gateway -t yinqi-gateway .
# docker-compose.yml builds each one this way; only the last stage differs between them, so the
# npm install and the TypeScript build are done once and shared through the build cache.

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# Only the package.json files of the workspaces (and the lock). COPY has no glob that keeps the
# folder structure, so the whole context is copied and trimmed here; the stages below copy the
# result, whose content changes only when a manifest does, so `npm ci` stays cached across code edits.
FROM base AS manifests
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -depth -type d -empty -delete

# Everything, dev dependencies included: the TypeScript compiler is one of them.
FROM base AS deps
COPY --from=manifests /app ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM deps AS build
COPY . .
# The services and the gateway with what they reference (tests are not part of an image). A
# planned service without sources yet simply has no tsconfig.json and is skipped here; the
# runtime stage then refuses to build an image for it.
RUN node node_modules/typescript/bin/tsc -b gateway $(find services -mindepth 2 -maxdepth 2 -name tsconfig.json -exec dirname {} \;) \
 && mkdir -p /out \
 && for dir in packages/* services/* gateway; do \
      if [ -d "$dir/dist" ]; then mkdir -p "/out/$dir" && cp -R "$dir/dist" "/out/$dir/"; fi; \
    done \
 && cp -R gateway/schema /out/gateway/schema \
 && find /out \( -name '*.tsbuildinfo' -o -name '*.d.ts' -o -name '*.d.ts.map' \) -delete

# Production dependencies only: a separate `npm ci --omit=dev` from the same lock instead of
# `npm prune` in the build stage, so this layer is cached independently of source changes.
FROM base AS prod-deps
COPY --from=manifests /app ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error \
 && npm cache clean --force

FROM base AS runtime
ARG APP=gateway
ENV NODE_ENV=production YINQI_APP=${APP}
# Workspace symlinks in node_modules/@yinqi point at packages/*, services/*, gateway: the tree
# below keeps those paths, with each workspace's package.json from prod-deps and its dist from build.
COPY --from=prod-deps /app ./
COPY --from=build /out ./
RUN test -f "/app/${APP}/dist/main.js" \
 || { echo "no /app/${APP}/dist/main.js: is ${APP} written yet (services/<name> with a tsconfig.json)?" >&2; exit 1; }
WORKDIR /app/${APP}
# The code and its dependencies stay owned by root and read-only for the process; node (uid 1000,
# from the base image) needs no writable path: logs go to stdout, data to MongoDB and Kafka.
USER node
# The gateway listens on GATEWAY_PORT, a service on PORT (service-kit and gateway config defaults).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "const p = process.env.YINQI_APP === 'gateway' ? (process.env.GATEWAY_PORT || 4000) : (process.env.PORT || 4010); fetch('http://127.0.0.1:' + p + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
