# Engagement: one image, one node (an Orleans silo that also serves the web API, the hubs, the web front ends and
# the UDP media engine). Configured only through environment variables (docs/operations.md has every key);
# docs/deploy.md runs it on Kubernetes. Build:  podman build --format docker -t engagement .   (or docker build)
# The base images are build arguments so the same file builds from local copies (./engage image, docs/deploy.md).
ARG NODE_IMAGE=node:20-bookworm-slim
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

# --- The web front ends (web/, esbuild): the widget, the sample site, the workspace, the admin pages, the dashboard.
FROM ${NODE_IMAGE} AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

# --- The silo, self-contained for linux-x64: the runtime image then needs only the OS libraries (runtime-deps), and
# the .NET runtime the node runs is the one this build chose, whatever base it lands on.
FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props nuget.config ./
COPY grain-interfaces/ grain-interfaces/
COPY grains/ grains/
COPY media/ media/
COPY api/ api/
COPY silo/ silo/
COPY --from=web /src/web/dist/ web/dist/
RUN dotnet publish silo/Engagement.Silo.csproj -c Release -r linux-x64 --self-contained -o /app -nologo

# --- The node.
FROM ${RUNTIME_IMAGE} AS runtime
# The non-root user and group of Microsoft's .NET images ("app"); only numbers here, so any base works.
ARG APP_UID=1654
# Defaults for a container; every one can be overridden at run time. Ports: web (HTTP and WebSockets), media (UDP),
# Orleans silo-to-silo (TCP). The media engine listens on every interface, so Engagement__Media__AdvertisedAddress
# (the IP browsers reach) must be set by whoever runs the image; the node refuses to start without it. Metrics for
# Prometheus on a management port of their own (docs/operations.md, Metrics): on every interface of the container,
# for a scraper in the cluster; publish it to no one else (no Service or Ingress routes to it).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Engagement__Telemetry__Enabled=true \
    Engagement__Telemetry__ManagementAddress=0.0.0.0 \
    Engagement__Telemetry__ManagementPort=9464 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Engagement__Media__BindAddress=0.0.0.0 \
    Engagement__Media__Port=30000 \
    Orleans__Endpoints__SiloPort=11111 \
    Engagement__Attachments__Directory=/var/lib/engagement/attachments
WORKDIR /app
COPY --from=build /app/ /app/
# The binaries stay root's (read-only to the node); attachments are written to a volume mounted here (docs/deploy.md).
RUN mkdir -p /var/lib/engagement/attachments && chown -R ${APP_UID}:${APP_UID} /var/lib/engagement
VOLUME ["/var/lib/engagement"]
USER ${APP_UID}:${APP_UID}
EXPOSE 8080/tcp 30000/udp 11111/tcp 9464/tcp
# SIGTERM drains the node: clients are told to move, then Orleans hands off its grains (api/Drain). Give it
# Engagement:Drain:Timeout + HandOff (30 s by default) before a SIGKILL: docker stop -t 40, Kubernetes' grace period.
STOPSIGNAL SIGTERM
# GET /health/ready on the node's own port, by the silo binary itself (the image has no curl).
HEALTHCHECK --interval=10s --timeout=6s --start-period=120s --retries=3 CMD ["/app/Engagement.Silo", "--health-check"]
ENTRYPOINT ["/app/Engagement.Silo"]
