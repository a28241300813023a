# Concord collaboration server (serves the built web app too). See docs/DEPLOYMENT.md.
# Tested for real by server/test/containers/ (built, run, failed over behind HAProxy).
ARG NODE_IMAGE=node:22-bookworm-slim

# Every dependency, dev tools included; then the web app and the server bundle are built.
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary fits (or none can be downloaded).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Manifests before sources: this layer, most of the build's time, is reused until they change.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
# web/dist, and server/dist: main.mjs and backup.mjs with their dependencies bundled (and chunks/), plus the
# compiled better-sqlite3 (server/build.ts).
RUN npm run build && npm run build:server

# Node and the two built folders: no npm packages to install, no compiler, no TypeScript at run time.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=1234 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/server/dist server/dist/
COPY --from=build /app/web/dist web/dist/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 1234
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 1234) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# node itself is PID 1 and gets SIGTERM directly: the server compacts open documents and exits 0.
# Source maps ship beside the bundle but stay off: they cost about 60 MB of memory
# (NODE_OPTIONS=--enable-source-maps gives TypeScript stack traces when you need them).
CMD ["node", "server/dist/main.mjs"]
