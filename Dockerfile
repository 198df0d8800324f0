# syntax=docker/dockerfile:1
# faircat in a container: the static (musl) binary, built with the `dist` profile, on
# distroless/static (no shell, no package manager; CA certificates, /tmp and a passwd file),
# with `faircat` as the entrypoint and the catalog mounted as the working directory:
#
#   docker build -t faircat .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/catalog" faircat build
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/catalog" -p 1111:1111 faircat serve --bind 0.0.0.0
FROM rust:1-alpine AS build
# Alpine's Rust targets musl and links statically; mimalloc's C code needs the musl headers.
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --locked --profile dist --bin faircat \
    && cp target/dist/faircat /faircat

FROM gcr.io/distroless/static-debian12
COPY --from=build /faircat /usr/local/bin/faircat
WORKDIR /catalog
ENTRYPOINT ["/usr/local/bin/faircat"]
CMD ["build"]
