# Production images: `server` (the GraphQL API) and `web` (the SvelteKit app), from one build.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
RUN npm ci
COPY tsconfig.json schema.graphql ./
COPY server server
COPY web web
RUN npm run build -w web

FROM node:24-bookworm-slim AS server
WORKDIR /app
ENV NODE_ENV=production SERVE_WEB=false HOST=0.0.0.0 PORT=4000
COPY --from=build /app /app
WORKDIR /app/server
EXPOSE 4000
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]

FROM node:24-bookworm-slim AS web
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/web/build ./build
COPY --from=build /app/web/package.json ./package.json
EXPOSE 3000
USER node
CMD ["node", "build"]
