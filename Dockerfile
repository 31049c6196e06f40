# Production images: `server` (the GraphQL API) and `web` (the SvelteKit app), from one build.
# The build stage has everything (compilers, test tools); the images that run carry only what runs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
# Fixes to dependencies, applied by patch-package after every install (docs/decisions.md).
COPY patches patches
RUN npm ci
COPY tsconfig.json schema.graphql ./
COPY server server
COPY web web
RUN npm run build

# The server's production dependencies only: no TypeScript, tsx, test tools or embedded PostgreSQL
# (an optional dependency, for trying the app without a database server).
FROM node:24-bookworm-slim AS server-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
COPY patches patches
# The root too: its postinstall applies patches/ to the server's dependencies.
RUN npm ci --omit=dev --omit=optional --workspace server --include-workspace-root

FROM node:24-bookworm-slim AS server
ENV NODE_ENV=production SERVE_WEB=false HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=server-dependencies /app/node_modules node_modules
COPY package.json ./
COPY server/package.json server/
COPY --from=build /app/server/dist server/dist
WORKDIR /app/server
EXPOSE 4000
USER node
CMD ["node", "--max-semi-space-size=32", "--heap-growing-percent=50", "dist/main.js"]

# adapter-node bundles the web app's dependencies into build/: nothing else is needed to run it.
FROM node:24-bookworm-slim AS web
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/web/build ./build
COPY --from=build /app/web/package.json ./package.json
EXPOSE 3000
USER node
CMD ["node", "build"]
