# A build-only Dockerfile: `docker build -f build.dockerfile --output dist .`
FROM node:20-alpine AS build
WORKDIR /web
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

FROM scratch AS export
COPY --from=build /web/dist /
