/** ARGs the builder defines or accepts without a declaration, and where each is visible. */
import type { PredefinedArgData, ValueKind } from './types';
import { ref } from './instructions/shared';

const PLATFORM_VISIBILITY =
  'Set automatically by BuildKit in the global scope: usable in `FROM` lines (e.g. `FROM --platform=$BUILDPLATFORM`) and in global `ARG` defaults without a declaration, but empty inside a stage until the stage declares `ARG NAME` (no value).';
const PROXY_VISIBILITY =
  'Usable by `RUN` commands without an `ARG` line when passed with `--build-arg`; other instructions see it only after `ARG NAME`. Excluded from `docker history` and from the cache key unless the Dockerfile declares `ARG NAME`.';

function platform(name: string, summary: string, exampleValue: string, globalValue: string | undefined, valueKind?: ValueKind): PredefinedArgData {
  return {
    name,
    definedIn: 'global',
    ...(globalValue !== undefined ? { globalValue } : {}),
    ...(valueKind ? { valueKind } : {}),
    summary,
    buildVsRun: PLATFORM_VISIBILITY,
    example: `FROM alpine\nARG ${name}\nRUN echo "${name}=$${name}"`,
    exampleValue,
    link: ref('automatic-platform-args-in-the-global-scope'),
  };
}

function proxy(name: string, purpose: string, exampleValue: string): PredefinedArgData {
  return {
    name,
    definedIn: 'run',
    summary: `${purpose} for \`RUN\` steps, set with \`docker build --build-arg ${name}=...\`.`,
    buildVsRun: PROXY_VISIBILITY,
    cache: 'Not part of the cache key by default, so moving to a different proxy does not rebuild anything.',
    pitfalls: ['Declaring `ARG ' + name + '` makes the value visible in `docker history` and part of the cache key.'],
    exampleValue,
    link: ref('predefined-args'),
  };
}

function buildkit(name: string, summary: string, exampleValue: string, extra: Partial<PredefinedArgData> = {}): PredefinedArgData {
  return {
    name,
    definedIn: 'builder',
    summary,
    buildVsRun:
      'Read by BuildKit itself from `--build-arg`; it changes how the build runs and needs no `ARG` declaration. As a variable it is empty unless the Dockerfile declares `ARG NAME`.',
    exampleValue,
    link: ref('buildkit-built-in-build-args'),
    ...extra,
  };
}

export const PREDEFINED_ARGS: PredefinedArgData[] = [
  platform('BUILDPLATFORM', 'Platform of the machine running the build, e.g. `linux/amd64`.', 'linux/amd64', 'linux/amd64', 'platform'),
  platform('BUILDOS', 'Operating system part of `BUILDPLATFORM`.', 'linux', 'linux'),
  platform('BUILDOSVERSION', 'Operating system version of `BUILDPLATFORM`; set for Windows builders, empty on Linux.', '10.0.20348', ''),
  platform('BUILDARCH', 'Architecture part of `BUILDPLATFORM`.', 'amd64', 'amd64'),
  platform('BUILDVARIANT', 'Variant part of `BUILDPLATFORM`; often empty.', '', ''),
  platform('TARGETPLATFORM', 'Platform the image is built for (`docker build --platform`), e.g. `linux/arm64`.', 'linux/amd64', 'linux/amd64', 'platform'),
  platform('TARGETOS', 'Operating system part of `TARGETPLATFORM`, e.g. `linux`.', 'linux', 'linux'),
  platform('TARGETOSVERSION', 'Operating system version of `TARGETPLATFORM`, e.g. a Windows build number; empty for Linux targets.', '10.0.20348', ''),
  platform('TARGETARCH', 'Architecture part of `TARGETPLATFORM`, e.g. `amd64` or `arm64`.', 'amd64', 'amd64'),
  platform('TARGETVARIANT', 'Variant part of `TARGETPLATFORM`, e.g. `v7` for `linux/arm/v7`; often empty.', 'v7', ''),
  proxy('HTTP_PROXY', 'Proxy for HTTP requests', 'http://proxy.example.com:3128'),
  proxy('http_proxy', 'Proxy for HTTP requests (lowercase spelling, read by many tools)', 'http://proxy.example.com:3128'),
  proxy('HTTPS_PROXY', 'Proxy for HTTPS requests', 'http://proxy.example.com:3128'),
  proxy('https_proxy', 'Proxy for HTTPS requests (lowercase spelling)', 'http://proxy.example.com:3128'),
  proxy('FTP_PROXY', 'Proxy for FTP requests', 'http://proxy.example.com:3128'),
  proxy('ftp_proxy', 'Proxy for FTP requests (lowercase spelling)', 'http://proxy.example.com:3128'),
  proxy('NO_PROXY', 'Hosts that bypass the proxy', 'localhost,127.0.0.1,.internal'),
  proxy('no_proxy', 'Hosts that bypass the proxy (lowercase spelling)', 'localhost,127.0.0.1,.internal'),
  proxy('ALL_PROXY', 'Proxy for every protocol', 'socks5://proxy.example.com:1080'),
  proxy('all_proxy', 'Proxy for every protocol (lowercase spelling)', 'socks5://proxy.example.com:1080'),
  buildkit('BUILDKIT_BUILD_NAME', 'Overrides the build name shown in `docker buildx history` and Docker Desktop.', 'my-app'),
  buildkit('BUILDKIT_CACHE_MOUNT_NS', 'Namespace added to cache mount IDs, to keep caches of different projects apart.', 'my-project'),
  buildkit('BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'Keeps the `.git` directory when the build context is a Git URL.', '1'),
  buildkit('BUILDKIT_DOCKERFILE_CHECK', 'Configures build checks from the command line, with the same values as the `# check=` directive.', 'skip=all', {
    minSyntax: '1.8',
  }),
  buildkit('BUILDKIT_INLINE_CACHE', 'Writes cache metadata into the image config so the image can be used with `--cache-from`.', '1'),
  buildkit('BUILDKIT_MULTI_PLATFORM', 'Produces a multi-platform image (index) even when only one platform is built.', '1'),
  buildkit('BUILDKIT_SANDBOX_HOSTNAME', 'Hostname seen by `RUN` steps; `buildkitsandbox` by default.', 'builder', { minSyntax: '1.4' }),
  buildkit(
    'BUILDKIT_SYNTAX',
    'Sets the frontend image like a `# syntax=` line; `dockerfile.v0` ignores the directive and uses the built-in frontend.',
    'docker/dockerfile:1',
  ),
  buildkit('SOURCE_DATE_EPOCH', 'Unix timestamp used for the image and layer creation times, for reproducible builds.', '1700000000', {
    minSyntax: '1.5',
  }),
  {
    // Its global value is the target stage's name, which only the build command knows.
    ...platform('TARGETSTAGE', 'Name of the final target stage of the build (the `--target` stage, or the last one).', 'runtime', undefined),
    minSyntax: '1.11',
  },
];
