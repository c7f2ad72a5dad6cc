import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIRECTIVES,
  INSTRUCTIONS,
  MOUNT_TYPES,
  PREDEFINED_ARGS,
  REFERENCE,
  getDirective,
  getFlag,
  getInstruction,
  getMountOption,
  getMountType,
  getPredefinedArg,
  automaticArg,
} from '../../server/src/service/data';
import type { DocEntry, InstructionData } from '../../server/src/service/data';

const sorted = (names: Iterable<string>): string[] => [...names].sort();

function instruction(keyword: string): InstructionData {
  const found = getInstruction(keyword);
  assert.ok(found, `no instruction ${keyword}`);
  return found;
}

/** Every documented entry: instructions, flags, mount types and keys, directives, predefined ARGs. */
function allEntries(): [string, DocEntry][] {
  const entries: [string, DocEntry][] = [];
  for (const i of INSTRUCTIONS) {
    entries.push([i.keyword, i]);
    for (const f of i.flags) entries.push([`${i.keyword} --${f.name}`, f]);
  }
  for (const m of MOUNT_TYPES) {
    entries.push([`mount ${m.type}`, m]);
    for (const o of m.options) entries.push([`mount ${m.type} ${o.name}`, o]);
  }
  for (const d of DIRECTIVES) entries.push([`# ${d.name}`, d]);
  for (const a of PREDEFINED_ARGS) entries.push([`ARG ${a.name}`, a]);
  return entries;
}

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

test('there are exactly the 18 Dockerfile instructions', () => {
  assert.deepEqual(
    sorted(INSTRUCTIONS.map((i) => i.keyword)),
    sorted(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']),
  );
});

test('every instruction has summary, syntax, build/run, cache, example, snippet and a reference link', () => {
  for (const i of INSTRUCTIONS) {
    assert.ok(i.summary.length > 20, `${i.keyword} summary`);
    assert.ok(i.syntax && i.syntax.length > 0, `${i.keyword} syntax`);
    for (const line of i.syntax) assert.ok(line.startsWith(`${i.keyword} `), `${i.keyword} syntax line "${line}"`);
    assert.ok(i.buildVsRun, `${i.keyword} buildVsRun`);
    assert.ok(i.cache, `${i.keyword} cache`);
    assert.ok(i.example, `${i.keyword} example`);
    assert.ok(i.pitfalls && i.pitfalls.length > 0, `${i.keyword} pitfalls`);
    assert.ok(i.snippet && !i.snippet.toUpperCase().startsWith(i.keyword), `${i.keyword} snippet`);
    assert.ok(i.link.startsWith('https://docs.docker.com/reference/dockerfile/#'), `${i.keyword} link`);
    assert.ok(i.forms.length > 0, `${i.keyword} forms`);
  }
  assert.equal(instruction('MAINTAINER').link, `${REFERENCE}#maintainer-deprecated`);
  assert.equal(instruction('FROM').link, `${REFERENCE}#from`);
});

test('lookups ignore keyword case and flag dashes', () => {
  assert.equal(getInstruction('from')?.keyword, 'FROM');
  assert.equal(getInstruction('HealthCheck')?.keyword, 'HEALTHCHECK');
  assert.equal(getInstruction('FETCH'), undefined);
  assert.equal(getFlag('copy', '--from')?.name, 'from');
  assert.equal(getFlag('COPY', 'from')?.name, 'from');
  assert.equal(getFlag('COPY', 'checksum'), undefined);
  assert.equal(getFlag('CMD', 'from'), undefined);
  assert.equal(getDirective('Syntax')?.name, 'syntax');
  assert.equal(getMountType('CACHE')?.type, 'cache');
  assert.equal(getPredefinedArg('http_proxy')?.name, 'http_proxy');
  assert.equal(getPredefinedArg('HTTP_PROXY')?.name, 'HTTP_PROXY');
  assert.equal(getPredefinedArg('TargetPlatform'), undefined);
});

test('each instruction has exactly its flags', () => {
  const expected: Record<string, string[]> = {
    FROM: ['platform'],
    RUN: ['mount', 'network', 'security', 'device'],
    COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
    ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'unpack', 'exclude'],
    HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
  };
  for (const i of INSTRUCTIONS) {
    assert.deepEqual(sorted(i.flags.map((f) => f.name)), sorted(expected[i.keyword] ?? []), i.keyword);
  }
});

test('every flag has docs, syntax and a link to its own section', () => {
  const ownSection = new Set(['RUN', 'COPY', 'ADD']);
  for (const i of INSTRUCTIONS) {
    for (const f of i.flags) {
      const label = `${i.keyword} --${f.name}`;
      assert.ok(f.summary, `${label} summary`);
      assert.ok(f.syntax && f.syntax.some((s) => s.includes(`--${f.name}`)), `${label} syntax`);
      const anchor = ownSection.has(i.keyword) ? `${i.keyword.toLowerCase()}---${f.name}` : i.keyword.toLowerCase();
      assert.equal(f.link, `${REFERENCE}#${anchor}`, label);
      if (f.valueKind === 'enum') assert.ok(f.values && f.values.length > 0, `${label} values`);
    }
  }
});

test('flag values, defaults and minimum syntax versions', () => {
  assert.deepEqual(getFlag('RUN', 'network')?.values, ['default', 'none', 'host']);
  assert.equal(getFlag('RUN', 'network')?.defaultValue, 'default');
  assert.deepEqual(getFlag('RUN', 'security')?.values, ['sandbox', 'insecure']);
  assert.equal(getFlag('RUN', 'security')?.defaultValue, 'sandbox');
  assert.equal(getFlag('RUN', 'mount')?.repeatable, true);
  assert.equal(getFlag('COPY', 'exclude')?.repeatable, true);
  assert.equal(getFlag('ADD', 'exclude')?.repeatable, true);
  const versions: [string, string, string][] = [
    ['RUN', 'mount', '1.2'],
    ['RUN', 'network', '1.3'],
    ['RUN', 'security', '1.20'],
    ['COPY', 'chmod', '1.2'],
    ['COPY', 'link', '1.4'],
    ['COPY', 'parents', '1.20'],
    ['COPY', 'exclude', '1.19'],
    ['ADD', 'keep-git-dir', '1.1'],
    ['ADD', 'checksum', '1.6'],
    ['ADD', 'link', '1.4'],
    ['ADD', 'unpack', '1.17'],
    ['ADD', 'exclude', '1.19'],
  ];
  for (const [keyword, flag, version] of versions) assert.equal(getFlag(keyword, flag)?.minSyntax, version, `${keyword} --${flag}`);
  const healthDefaults = Object.fromEntries(instruction('HEALTHCHECK').flags.map((f) => [f.name, f.defaultValue]));
  assert.deepEqual(healthDefaults, { interval: '30s', timeout: '30s', 'start-period': '0s', 'start-interval': '5s', retries: '3' });
});

test('argument counts, ONBUILD triggers and deprecation follow BuildKit', () => {
  const counts = Object.fromEntries(INSTRUCTIONS.map((i) => [i.keyword, [i.minArgs, i.maxArgs]]));
  assert.deepEqual(counts, {
    FROM: [1, 3], RUN: [1, undefined], CMD: [0, undefined], LABEL: [1, undefined], MAINTAINER: [1, undefined],
    EXPOSE: [1, undefined], ENV: [1, undefined], ADD: [2, undefined], COPY: [2, undefined], ENTRYPOINT: [0, undefined],
    VOLUME: [1, undefined], USER: [1, 1], WORKDIR: [1, 1], ARG: [1, undefined], ONBUILD: [1, undefined],
    STOPSIGNAL: [1, 1], HEALTHCHECK: [1, undefined], SHELL: [1, undefined],
  });
  assert.deepEqual(sorted(INSTRUCTIONS.filter((i) => !i.allowedInOnbuild).map((i) => i.keyword)), ['FROM', 'MAINTAINER', 'ONBUILD']);
  assert.deepEqual(INSTRUCTIONS.filter((i) => i.deprecated).map((i) => i.keyword), ['MAINTAINER']);
  assert.deepEqual(instruction('SHELL').forms, ['exec']);
  assert.ok(instruction('RUN').forms.includes('heredoc'));
  assert.ok(instruction('COPY').forms.includes('heredoc'));
});

test('CMD and ENTRYPOINT show the combination table with the resulting command lines', () => {
  for (const keyword of ['CMD', 'ENTRYPOINT']) {
    const section = instruction(keyword).sections?.find((s) => s.title === 'How CMD and ENTRYPOINT combine');
    assert.ok(section, `${keyword} combination section`);
    const rows = section.body.split('\n').filter((line) => line.startsWith('|'));
    assert.equal(rows.length, 5, `${keyword} table rows`);
    for (const row of rows) assert.equal(row.split('|').length - 2, 4, `cells in "${row}"`);
    assert.match(rows[3], /`ep x c y`/);
    assert.match(rows[4], /`ep x \/bin\/sh -c "c y"`/);
    assert.ok(instruction(keyword).pitfalls?.some((p) => p.includes('last')), `${keyword}: only the last one counts`);
  }
});

test('the primer mistakes are corrected as pitfalls', () => {
  const copyPitfalls = instruction('COPY').pitfalls?.join('\n') ?? '';
  assert.match(copyPitfalls, /copies what is inside/);
  assert.match(copyPitfalls, /build context/);
  const entrypointPitfalls = instruction('ENTRYPOINT').pitfalls?.join('\n') ?? '';
  assert.match(entrypointPitfalls, /not similar to `RUN`/);
  assert.match(instruction('RUN').buildVsRun ?? '', /Build time only/);
});

test('every mount type has all its keys, with aliases and required keys', () => {
  const expected: Record<string, string[]> = {
    bind: ['type', 'target', 'source', 'from', 'rw', 'readonly'],
    cache: ['type', 'id', 'target', 'readonly', 'sharing', 'from', 'source', 'mode', 'uid', 'gid'],
    tmpfs: ['type', 'target', 'size'],
    secret: ['type', 'id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
    ssh: ['type', 'id', 'target', 'required', 'mode', 'uid', 'gid'],
  };
  assert.deepEqual(sorted(MOUNT_TYPES.map((m) => m.type)), sorted(Object.keys(expected)));
  for (const m of MOUNT_TYPES) {
    assert.deepEqual(sorted(m.options.map((o) => o.name)), sorted(expected[m.type]), m.type);
    assert.equal(m.link, `${REFERENCE}#run---mounttype${m.type}`);
    const requiredKeys = m.options.filter((o) => o.required).map((o) => o.name);
    assert.deepEqual(requiredKeys, ['bind', 'cache', 'tmpfs'].includes(m.type) ? ['target'] : [], `${m.type} required`);
  }
  assert.equal(getMountOption('bind', 'dst')?.name, 'target');
  assert.equal(getMountOption('bind', 'destination')?.name, 'target');
  assert.equal(getMountOption('bind', 'src')?.name, 'source');
  assert.equal(getMountOption('bind', 'readwrite')?.name, 'rw');
  assert.equal(getMountOption('bind', 'ro')?.name, 'readonly');
  assert.equal(getMountOption('cache', 'RO')?.name, 'readonly');
  assert.equal(getMountOption('Secret', 'DST')?.name, 'target');
  assert.equal(getMountOption('tmpfs', 'uid'), undefined);
  assert.equal(getMountOption('bind', 'sharing'), undefined);
  assert.deepEqual(getMountOption('cache', 'sharing')?.values, ['shared', 'private', 'locked']);
  assert.deepEqual(getMountOption('ssh', 'type')?.values, ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
  assert.equal(getMountOption('secret', 'mode')?.defaultValue, '0400');
  assert.equal(getMountOption('ssh', 'mode')?.defaultValue, '0600');
  assert.equal(getMountOption('cache', 'mode')?.defaultValue, '0755');
  assert.equal(getMountOption('secret', 'env')?.minSyntax, '1.10');
});

test('directives: syntax, escape and check', () => {
  assert.deepEqual(DIRECTIVES.map((d) => d.name), ['syntax', 'escape', 'check']);
  assert.deepEqual(getDirective('escape')?.values, ['\\', '`']);
  assert.equal(getDirective('escape')?.defaultValue, '\\');
  const check = getDirective('check');
  assert.equal(check?.minSyntax, '1.8');
  for (const option of ['skip=', 'error=true', 'experimental=']) {
    assert.ok(check?.syntax?.some((s) => s.includes(option)), `check ${option}`);
  }
  assert.deepEqual(check?.keys?.map((k) => [k.name, k.values]), [['skip', undefined], ['error', ['true', 'false']], ['experimental', undefined]]);
  assert.equal(getDirective('syntax')?.exampleValue, 'docker/dockerfile:1');
});

test('predefined ARGs: each says where the builder defines it', () => {
  const definedIn = (scope: string): string[] => PREDEFINED_ARGS.filter((a) => a.definedIn === scope).map((a) => a.name);
  // BuildKit's defaultArgs: the platform pairs, their OS versions and TARGETSTAGE, in the global scope.
  const platform = ['PLATFORM', 'OS', 'OSVERSION', 'ARCH', 'VARIANT'];
  assert.deepEqual(sorted(definedIn('global')), sorted([...platform.flatMap((p) => [`BUILD${p}`, `TARGET${p}`]), 'TARGETSTAGE']));
  const proxies = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'];
  assert.deepEqual(sorted(definedIn('run')), sorted([...proxies, ...proxies.map((p) => p.toLowerCase())]));
  for (const name of ['BUILDKIT_CACHE_MOUNT_NS', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_SYNTAX', 'SOURCE_DATE_EPOCH']) {
    assert.equal(getPredefinedArg(name)?.definedIn, 'builder', name);
  }
  assert.deepEqual(PREDEFINED_ARGS.filter((a) => a.valueKind === 'platform').map((a) => a.name), ['BUILDPLATFORM', 'TARGETPLATFORM']);
  assert.equal(automaticArg('TARGETARCH', 'global')?.name, 'TARGETARCH');
  assert.equal(automaticArg('TARGETARCH', 'stage'), undefined);
  assert.equal(automaticArg('HTTP_PROXY', 'run')?.name, 'HTTP_PROXY');
  assert.equal(automaticArg('HTTP_PROXY', 'stage'), undefined);
  assert.equal(automaticArg('BUILDKIT_SYNTAX', 'global'), undefined);
  assert.equal(new Set(PREDEFINED_ARGS.map((a) => a.name)).size, PREDEFINED_ARGS.length, 'no duplicates');
  for (const a of PREDEFINED_ARGS) assert.ok(a.buildVsRun, `${a.name} says where it is visible`);
  assert.match(getPredefinedArg('TARGETARCH')?.buildVsRun ?? '', /`FROM`.*`ARG NAME`/);
  assert.match(getPredefinedArg('https_proxy')?.buildVsRun ?? '', /`RUN` commands without an `ARG` line.*`docker history`/);
});

test('every entry is short, linked and free of placeholders', () => {
  const sentenceEnd = /[.!?](?=\s+[A-Z]|\s*$)/g;
  for (const [label, entry] of allEntries()) {
    assert.ok(entry.summary.trim().length > 0, `${label} summary`);
    assert.ok((entry.summary.match(sentenceEnd) ?? []).length <= 2, `${label}: summary over 2 sentences`);
    assert.ok((entry.pitfalls ?? []).length <= 4, `${label}: over 4 pitfalls`);
    assert.ok((entry.example ?? '').split('\n').length <= 8, `${label}: example over 8 lines`);
    assert.ok(!(entry.example ?? '').startsWith('```'), `${label}: example has a fence`);
    assert.ok(entry.link.startsWith(`${REFERENCE}#`), `${label} link`);
    if (entry.minSyntax !== undefined) assert.match(entry.minSyntax, /^1\.\d+(-labs)?$/, `${label} minSyntax`);
  }
  const everything = allStrings([INSTRUCTIONS, MOUNT_TYPES, DIRECTIVES, PREDEFINED_ARGS]);
  for (const text of everything) {
    assert.ok(!/\bTODO\b|\bFIXME\b|\bTBD\b/i.test(text), `placeholder in "${text}"`);
    assert.ok(!/\]\(/.test(text), `markdown link (outside the subset) in "${text}"`);
  }
});
