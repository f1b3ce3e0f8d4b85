# The storefront's image: the single-page app built by Vite, served by a dependency-free Node.js
# static server (apps/storefront/server/serve.mjs) on port 3000, behind the gateway at `/`.
# The `deps` stage is the same as docker/Dockerfile's, so the two share that cached layer.
ARG NODE_IMAGE=node:24-trixie-slim

# --- all dependencies, for building (same instructions as docker/Dockerfile) ----------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /repo
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn

# --- build the app (Vite; the only workspace code it reads is libs/contracts) ----------------
FROM deps AS build
COPY tsconfig.base.json ./
COPY libs/contracts ./libs/contracts
COPY apps/storefront ./apps/storefront
RUN npx vite build --config apps/storefront/vite.config.mts --logLevel warn \
    && node apps/storefront/bundle-size.mjs dist/apps/storefront/public

# --- the static server: no node_modules at all ---------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY docker/service-healthcheck.sh /usr/local/bin/service-healthcheck
COPY apps/storefront/server/serve.mjs ./serve.mjs
COPY --from=build /repo/dist/apps/storefront/public ./public
LABEL org.opencontainers.image.title="shop-storefront" \
      org.opencontainers.image.description="Shop reference microservices: the storefront (static files)"
# The official node image (and the local stand-in) has an unprivileged `node` user (uid 1000).
USER node
EXPOSE 3000
CMD ["node", "serve.mjs"]
