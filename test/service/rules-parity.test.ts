/** Builder parity rules: each case is a whole Dockerfile and its whole list of errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/service/diagnostics/rules/parity';
import { fixed, lintLines } from './helpers-diagnostics';

const PARITY = RULES.map((r) => r.id);
const errors = (text: string, options?: Parameters<typeof lintLines>[2]) => lintLines(text, PARITY, options);

test('instructions: unknown keyword, argument counts, place of FROM, ONBUILD, ENV pairs', () => {
  assert.deepEqual(errors('ENV A=1\nFROM alpine:3.20 builder\nRUNN make\nCOPY app.py\nHEALTHCHECK curl x\nONBUILD ONBUILD RUN x\nONBUILD FROM x\nENV PATH\nENV A=1 B\n'), [
    '0:0-0:3 error instruction-before-from ENV comes before the first FROM; only ARG may',
    '1:17-1:24 error too-many-arguments FROM takes an image and optionally `AS <name>`, nothing else',
    '2:0-2:4 error unknown-instruction Unknown instruction "RUNN" (did you mean "RUN"?)',
    '3:0-3:4 error missing-arguments COPY requires at least 2 arguments: a source and a destination',
    '4:12-4:16 error invalid-healthcheck Unknown HEALTHCHECK type "curl": start with CMD, or use NONE',
    '5:8-5:15 error onbuild-disallowed-trigger ONBUILD cannot trigger another ONBUILD',
    '6:8-6:12 error onbuild-disallowed-trigger FROM is not allowed as an ONBUILD trigger',
    '7:4-7:8 error invalid-key-value ENV PATH has no value: write PATH=<value>',
    '8:8-8:9 error invalid-key-value ENV B has no value: write B=<value>',
  ]);
  assert.deepEqual(errors('# only a comment\n'), ['0:0-0:0 error no-from The Dockerfile has no instructions: a build needs at least a FROM']);
  // Where BuildKit puts them: the last line read, and the first instruction that needs a stage.
  assert.deepEqual(errors('# one\n\n# three\n'), ['2:0-2:0 error no-from The Dockerfile has no instructions: a build needs at least a FROM']);
  assert.deepEqual(errors('ARG V=1\nRUN x\n'), [
    '1:0-1:3 error no-from The Dockerfile has no FROM instruction: there is no stage to build',
    '1:0-1:3 error instruction-before-from RUN comes before the first FROM; only ARG may',
  ]);
  assert.deepEqual(errors('ARG V=1\nFROM alpine:$V\nHEALTHCHECK NONE\nCMD ["a"]\n'), []);
});

test('flags: unknown, duplicate, and values by kind', () => {
  const text = [
    'FROM --platform=linux/amd64/v8/x alpine:3.20 AS build',
    'FROM alpine:3.20',
    'COPY --chwon=app --link=maybe --from=build --from=build /a /b',
    'RUN --network=off --security=insecure make',
    'HEALTHCHECK --interval=30 --timeout=1m30s --retries=-1 --start-period=0 CMD true',
    'ADD --checksum=sha256:abc https://example.com/x /x',
    'WORKDIR --dir /app',
    'COPY -- --not-a-flag /x',
  ].join('\n');
  assert.deepEqual(errors(text), [
    '0:16-0:32 error invalid-flag-value --platform: "linux/amd64/v8/x" is not a platform (os/arch[/variant])',
    '2:7-2:12 error unknown-flag Unknown flag --chwon for COPY (did you mean "--chown"?)',
    '2:24-2:29 error invalid-flag-value --link: expected true or false, not "maybe"',
    '2:45-2:49 error duplicate-flag --from is given more than once',
    '3:14-3:17 error invalid-flag-value --network: "off" is not one of default, none, host',
    '4:23-4:25 error invalid-flag-value --interval: "30" is not a duration (use a unit: 30s, 1m30s, 500ms)',
    '4:52-4:54 error invalid-flag-value --retries: cannot be negative',
    '5:15-5:25 error invalid-flag-value --checksum: a sha256 digest has 64 hex digits, not 3',
    '6:8-6:13 error unknown-flag WORKDIR has no flags, and "--dir" is read as one',
  ]);
  assert.equal(fixed('FROM alpine:3.20\nCOPY --chwon=app a b\n', 'unknown-flag'), 'FROM alpine:3.20\nCOPY --chown=app a b\n');
});

test('mounts: unknown keys, keys refused on a type, values, secrets without an id', () => {
  const text = [
    'FROM alpine:3.20',
    'RUN --mount=type=cache,taget=/x,sharing=exclusive,mode=0999 make',
    'RUN --mount=type=bind,mode=0755,uid=x,rw,source make',
    'RUN --mount=type=secret make',
    'RUN --mount=type=volume make',
    'RUN --mount=type=Cache,target=/x,sharing=LOCKED,ro make',
  ].join('\n');
  assert.deepEqual(errors(text), [
    '1:23-1:28 error unknown-mount-option Unknown key "taget" in a cache mount (did you mean "target"?)',
    '1:40-1:49 error invalid-mount-option-value sharing: "exclusive" is not one of shared, private, locked',
    '1:55-1:59 error invalid-mount-option-value mode: "0999" is not an octal mode such as 0755',
    '2:22-2:26 error unknown-mount-option "mode" is not allowed on a bind mount',
    '2:32-2:35 error unknown-mount-option "uid" is not allowed on a bind mount',
    '2:41-2:47 error invalid-mount-option-value "source" needs a value (source=<value>)',
    '3:4-3:23 error missing-mount-option A secret mount needs id=<secret id> (or target=<path>)',
    '4:17-4:23 error invalid-mount-option-value Unknown mount type "volume" (use bind, cache, tmpfs, secret or ssh)',
  ]);
});

test('stages and references: names, --from targets, image references', () => {
  const text = [
    'FROM Ubuntu:22.04 AS 1st',
    'FROM alpine:3.20 AS app',
    'COPY --from=app /a /b',
    'COPY --from=7 /a /b',
    'COPY --from=Builder /a /b',
    'COPY --from=nginx:alpine /a /b',
    'COPY --from=0 /a /b',
    'FROM REPLACE-ME',
  ].join('\n');
  assert.deepEqual(errors(text), [
    '0:5-0:17 error invalid-image-reference "Ubuntu:22.04" is not a valid image reference: repository names must be lowercase',
    '0:21-0:24 error invalid-stage-name "1st" is not a valid stage name: start with a letter, then letters, digits, "-", "_" or "."',
    '2:12-2:15 error copy-from-own-stage "app" is the stage this instruction is in',
    '3:12-3:13 error copy-from-undefined-stage There is no stage 7: stages are numbered 0 to 2',
    '4:12-4:19 error copy-from-undefined-stage "Builder" is not a stage of this file nor a valid image reference',
    '7:5-7:15 error invalid-image-reference "REPLACE-ME" is not a valid image reference: repository names must be lowercase',
  ]);
});

test('syntax: escape directive, exec-form JSON, heredocs, quotes, ports', () => {
  const text = [
    '# escape=^',
    'FROM alpine:3.20',
    'CMD ["sleep", 10]',
    "CMD ['sh']",
    'SHELL /bin/bash -c',
    'LABEL a="open',
    'ENV B="a\\"b" C=\'x\'',
    'EXPOSE 80/http 99999 8080-80 443/TCP',
    'RUN <<EOF',
    'echo hi',
  ].join('\n');
  assert.deepEqual(errors(text), [
    '0:9-0:10 error invalid-escape-directive The escape character must be \\ or `, not "^"',
    '2:4-2:17 error invalid-json-exec-form CMD exec form must be a JSON array of strings',
    '4:6-4:18 error invalid-json-exec-form SHELL must be a JSON array, e.g. ["/bin/sh", "-c"]',
    '5:6-5:13 error unterminated-quote Missing closing " quote',
    '7:7-7:14 error invalid-port Unknown protocol "http": use tcp, udp or sctp',
    '7:15-7:20 error invalid-port "99999" is not a port or port range from 0 to 65535',
    '7:21-7:28 error invalid-port "8080-80" is not a port or port range from 0 to 65535',
    '8:4-8:9 error unterminated-heredoc Heredoc "EOF" is never closed: add a line with only EOF',
  ]);
});

test('unsupported ${name:x} modifiers where the builder expands, not in RUN, single quotes or quoted heredocs', () => {
  const text = [
    'ARG VARIANT=${templateOption:imageVariant}',
    'FROM debian:${VARIANT:-bookworm}',
    'ENV A="${templateOption:installZsh}" B=${X:+y} C=${Y:?z} D=\'${NOT:expanded}\'',
    'RUN echo ${SHELL:0:3}',
    'COPY <<"EOF" /x',
    '${QUOTED:body}',
    'EOF',
    'LABEL v=${VERSION:1}',
  ].join('\n');
  assert.deepEqual(errors(text), [
    '0:12-0:42 error unsupported-substitution Unsupported modifier ":i" in "${templateOption:imageVariant}": the builder knows ${name:-word}, ${name:+word} and ${name:?word}',
    '2:7-2:35 error unsupported-substitution Unsupported modifier ":i" in "${templateOption:installZsh}": the builder knows ${name:-word}, ${name:+word} and ${name:?word}',
    '7:8-7:20 error unsupported-substitution Unsupported modifier ":1" in "${VERSION:1}": the builder knows ${name:-word}, ${name:+word} and ${name:?word}',
  ]);
});

test('fix: a misspelt instruction becomes the closest one, in the same casing', () => {
  assert.equal(fixed('from alpine:3.20\nrunn make\n', 'unknown-instruction'), 'from alpine:3.20\nrun make\n');
  assert.equal(fixed('FROM alpine:3.20\nRUN --mount=type=cache,taget=/x make\n', 'unknown-mount-option'), 'FROM alpine:3.20\nRUN --mount=type=cache,target=/x make\n');
});
