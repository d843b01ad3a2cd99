# syntax=docker/dockerfile:1
# One image recipe for every service and the gateway. APP picks what the container runs:
#   docker build --build-arg APP=services/identity -t yinqi-identity .
#   docker build --build-arg APP=gateway -t yinqi-gateway .
# docker-compose.yml builds each one this way; only the last two stages differ between them, so the
# npm install, the TypeScript build and the console's Vite build are done once and shared through
# the build cache.
#
# Node 24 (LTS until April 2028) in the images. The development machines and `npm test` run the
# same code on Node 20, so it uses nothing that differs between the two (package.json "engines").

FROM node:24-bookworm-slim AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# Only the package.json files of the workspaces (and the lock). COPY has no glob that keeps the
# folder structure, so the whole context is copied and trimmed here; the stages below copy the
# result, whose content changes only when a manifest does, so `npm ci` stays cached across code edits.
FROM base AS manifests
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -depth -type d -empty -delete

# Everything, dev dependencies included: the TypeScript compiler, Vite and the console's libraries
# (React, antd, ECharts: bundled into web/dist at build time, never loaded by Node) are among them.
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
# The web console (Web 控制台), which the gateway serves at `/` from /app/web/dist
# (gateway/src/static.ts). Local web/dist never enters the context (.dockerignore): built here.
RUN cd web && node ../node_modules/vite/bin/vite.js build --logLevel warn \
 && test -f dist/index.html

# Production dependencies only: a separate `npm ci --omit=dev` from the same lock instead of
# `npm prune` in the build stage, so this layer is cached independently of source changes. Only
# what the services and the gateway import at run time is a `dependency`; the web console's and
# the tests' libraries are devDependencies (tests/deploy/image-contents.unit.test.ts keeps it so).
FROM base AS prod-deps
COPY --from=manifests /app ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error \
 && npm cache clean --force

# The code one app runs: the shared packages, the app itself and, for the gateway alone, the built
# console. No other service's code goes into its image.
FROM build AS app-files
ARG APP=gateway
RUN test -f "/out/${APP}/dist/main.js" \
 || { echo "no /app/${APP}/dist/main.js: is ${APP} written yet (services/<name> with a tsconfig.json)?" >&2; exit 1; } \
 && mkdir -p "/app-files/$(dirname "${APP}")" \
 && cp -R /out/packages /app-files/packages \
 && cp -R "/out/${APP}" "/app-files/${APP}" \
 && if [ "${APP}" = gateway ]; then mkdir -p /app-files/web && cp -R /app/web/dist /app-files/web/dist; fi

FROM base AS runtime
ARG APP=gateway
ENV NODE_ENV=production YINQI_APP=${APP}
# Workspace symlinks in node_modules/@yinqi point at packages/*, services/*, gateway: the tree
# below keeps those paths, with each workspace's package.json from prod-deps and its dist from
# app-files (workspaces this app does not use keep only their package.json: nothing imports them).
COPY --from=prod-deps /app ./
COPY --from=app-files /app-files ./
WORKDIR /app/${APP}
# The code and its dependencies stay owned by root and read-only for the process; node (uid 1000,
# from the base image) needs no writable path: logs go to stdout, data to MongoDB and Kafka.
USER node
# The gateway listens on GATEWAY_PORT, a service on PORT (service-kit and gateway config defaults).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "const p = process.env.YINQI_APP === 'gateway' ? (process.env.GATEWAY_PORT || 4000) : (process.env.PORT || 4010); fetch('http://127.0.0.1:' + p + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
