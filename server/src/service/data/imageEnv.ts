/**
 * The environment variable names that common official images set in their image config (what
 * `docker image inspect --format '{{.Config.Env}}'` lists), so that UndefinedVar can tell a name
 * the base image defines from a typo without pulling the image. Names only: values differ per tag.
 * Each entry is the union over the image's current tags and variants (a name one variant sets
 * counts for all), so the table errs towards "defined". Our own data, read from the images'
 * published Dockerfiles; extend it when an official image adds a variable.
 *
 * Images the table does not know fall back to a guess (see UndefinedVar's docs); a client that
 * can inspect the local engine passes the real environment instead (`LintOptions.imageEnv`).
 */

/** Names that Debian/Alpine-style language images share. */
const LANG = ['LANG'];
const JAVA = ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'];
const GOSU = ['GOSU_VERSION'];
const PHP = [
  'PHPIZE_DEPS', 'PHP_INI_DIR', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'GPG_KEYS', 'PHP_VERSION',
  'PHP_URL', 'PHP_ASC_URL', 'PHP_SHA256', 'APACHE_CONFDIR', 'APACHE_ENVVARS',
];
const DOTNET = [
  'APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION', 'ASPNET_VERSION',
  'DOTNET_SDK_VERSION', 'DOTNET_GENERATE_ASPNET_CERTIFICATE', 'DOTNET_NOLOGO', 'DOTNET_USE_POLLING_FILE_WATCHER',
  'NUGET_XMLDOC_MODE', 'POWERSHELL_DISTRIBUTION_CHANNEL', 'ASPNETCORE_URLS',
];

/**
 * Repository (as written on Docker Hub without `library/`, or with its registry host) -> the
 * names its config sets besides PATH, which every image in the table sets.
 */
export const IMAGE_ENV: Readonly<Record<string, readonly string[]>> = {
  // Distributions: PATH only.
  alpine: [],
  busybox: [],
  debian: [],
  ubuntu: [],
  'buildpack-deps': [],
  centos: [],
  rockylinux: [],
  almalinux: [],
  amazonlinux: [],
  oraclelinux: [],
  fedora: ['DISTTAG', 'FGC', 'FBR'],
  archlinux: [],
  'opensuse/leap': [],
  'registry.access.redhat.com/ubi8/ubi': ['container'],
  'registry.access.redhat.com/ubi9/ubi': ['container'],
  // Languages and runtimes.
  python: [
    ...LANG, 'GPG_KEY', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION',
    'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256',
  ],
  pypy: [...LANG, 'PYPY_VERSION', 'PYTHON_PIP_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256'],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  golang: ['GOLANG_VERSION', 'GOTOOLCHAIN', 'GOPATH'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  ruby: [
    ...LANG, 'RUBY_MAJOR', 'RUBY_VERSION', 'RUBY_DOWNLOAD_SHA256', 'RUBY_DOWNLOAD_URL', 'GEM_HOME',
    'BUNDLE_SILENCE_ROOT_WARNING', 'BUNDLE_APP_CONFIG',
  ],
  php: PHP,
  wordpress: PHP,
  composer: [...PHP, 'COMPOSER_ALLOW_SUPERUSER', 'COMPOSER_HOME', 'COMPOSER_VERSION'],
  openjdk: JAVA,
  'eclipse-temurin': JAVA,
  'amazoncorretto': ['LANG', 'JAVA_HOME'],
  maven: [...JAVA, 'MAVEN_HOME', 'MAVEN_CONFIG'],
  gradle: [...JAVA, 'GRADLE_HOME', 'GRADLE_VERSION'],
  tomcat: [
    ...JAVA, 'CATALINA_HOME', 'TOMCAT_NATIVE_LIBDIR', 'LD_LIBRARY_PATH', 'GPG_KEYS', 'TOMCAT_MAJOR',
    'TOMCAT_VERSION', 'TOMCAT_SHA512',
  ],
  elixir: [...LANG, 'ELIXIR_VERSION', 'OTP_VERSION', 'REBAR3_VERSION'],
  erlang: [...LANG, 'OTP_VERSION', 'REBAR3_VERSION'],
  perl: ['PERL_VERSION'],
  swift: ['SWIFT_SIGNING_KEY', 'SWIFT_PLATFORM', 'SWIFT_BRANCH', 'SWIFT_VERSION', 'SWIFT_WEBROOT'],
  julia: ['JULIA_PATH', 'JULIA_GPG', 'JULIA_VERSION', ...LANG],
  gcc: ['GPG_KEYS', 'GCC_MIRRORS', 'GCC_VERSION'],
  'mcr.microsoft.com/dotnet/sdk': DOTNET,
  'mcr.microsoft.com/dotnet/aspnet': DOTNET,
  'mcr.microsoft.com/dotnet/runtime': DOTNET,
  'mcr.microsoft.com/dotnet/runtime-deps': DOTNET,
  // Servers and tools.
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE', 'ACME_VERSION'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  haproxy: ['HAPROXY_VERSION', 'HAPROXY_URL', 'HAPROXY_SHA256'],
  redis: ['REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA', 'REDIS_VERSION', ...GOSU],
  postgres: [...LANG, ...GOSU, 'PG_MAJOR', 'PG_VERSION', 'PGDATA'],
  mysql: [...GOSU, 'MYSQL_MAJOR', 'MYSQL_VERSION', 'MYSQL_SHELL_VERSION'],
  mariadb: [...LANG, ...GOSU, 'MARIADB_VERSION'],
  mongo: [...GOSU, 'JSYAML_VERSION', 'JSYAML_CHECKSUM', 'MONGO_PACKAGE', 'MONGO_REPO', 'MONGO_MAJOR', 'MONGO_VERSION', 'HOME'],
  docker: ['DOCKER_VERSION', 'DOCKER_BUILDX_VERSION', 'DOCKER_COMPOSE_VERSION', 'DOCKER_TLS_CERTDIR', 'DIND_COMMIT'],
  caddy: ['CADDY_VERSION', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME'],
  bash: ['_BASH_VERSION', '_BASH_BASELINE', '_BASH_BASELINE_PATCH', '_BASH_LATEST_PATCH'],
};
