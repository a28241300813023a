# Concord collaboration server (serves the built web app too). See docs/DEPLOYMENT.md.
# server/test/container-smoke.test.ts executes these steps without a Docker engine: keep every
# instruction in a form it understands (ARG, FROM, WORKDIR, COPY, RUN, ENV, USER, VOLUME, EXPOSE,
# HEALTHCHECK, STOPSIGNAL, CMD in exec form).
ARG NODE_IMAGE=node:24-bookworm-slim

# Manifests and a compiler toolchain: better-sqlite3 builds from source when no prebuilt binary fits.
FROM ${NODE_IMAGE} AS manifests
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/

# Everything, dev dependencies included, to build the web app.
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# The server's production dependencies only (no web, e2e or bench packages, no dev tools).
FROM manifests AS prod-deps
RUN npm ci --omit=dev --workspace=server --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=1234 DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /app ./
COPY --from=build /app/shared/src shared/src/
COPY --from=build /app/server/src server/src/
COPY --from=build /app/web/dist web/dist/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 1234
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 1234) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# node itself is PID 1 and gets SIGTERM directly: main.ts compacts open documents and exits 0.
CMD ["node", "--import", "tsx", "server/src/main.ts"]
