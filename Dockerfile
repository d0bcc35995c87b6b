# One image for the API and the worker: they run the same compiled code with different entry points,
# the same ones `npm start` runs (dist/apps/api/src/main.js, dist/apps/worker/src/main.js).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY activities activities
COPY scripts scripts
# Compiles TypeScript and prebuilds dist/workflow-bundle.js, which the worker loads.
RUN node scripts/bootstrap.mjs && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
