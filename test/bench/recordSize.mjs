// The size of a build record on disk (what client/src/layers/records.ts writes: compact JSON),
// for a plausible record of a given Dockerfile. Usage:
//   node test/bench/recordSize.mjs <Dockerfile> [files taken by a whole-context COPY, default 500]
// Every instruction counts as a step of the build (an upper bound: a real target skips stages it
// does not need); each has its text, cache state, time and size; a COPY/ADD from the context
// lists a 32-hex-digit fingerprint per file (as server/src/buildContext.ts writes them) (a whole-context `COPY .` takes the given number of 30-character
// paths, other sources one file each); the build args in scope, the FROM's image id and
// digest, one to three predicted invalidations, and the cascade of causes after the first miss.
import { readFileSync } from 'node:fs';

const [file, wholeContext = '500'] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const hex = (n, seed) => Array.from({ length: n }, (_, i) => ((seed * 31 + i * 7) % 16).toString(16)).join('');
const digest = (seed) => `sha256:${hex(64, seed)}`;

/** Instructions with their 1-based lines, continuations and heredoc bodies joined (enough for sizing). */
function instructions(source) {
  const lines = source.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i].trim();
    if (first === '' || first.startsWith('#')) continue;
    const start = i;
    let joined = lines[i];
    while (joined.endsWith('\\') && i + 1 < lines.length) joined = joined.slice(0, -1) + lines[++i];
    const heredoc = /<<-?["']?([A-Za-z_]+)/.exec(joined);
    if (heredoc) while (i + 1 < lines.length && lines[i + 1].trim() !== heredoc[1]) joined += `\n${lines[++i]}`;
    if (heredoc && i + 1 < lines.length) joined += `\n${lines[++i]}`;
    out.push({ line: start + 1, endLine: i + 1, text: joined.trim() });
  }
  return out;
}

let stage = -1;
let stageName = '';
let args = {};
let missed = null;
const steps = instructions(text).map((ins, n) => {
  const keyword = ins.text.split(/\s/)[0].toUpperCase();
  if (keyword === 'FROM') {
    stage++;
    stageName = /\sAS\s+(\S+)/i.exec(ins.text)?.[1] ?? String(stage);
    args = {};
  }
  if (keyword === 'ARG') for (const m of ins.text.slice(4).matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/g)) args[m[1]] = m[2] ?? '1.0.0';
  const layer = ['RUN', 'COPY', 'ADD'].includes(keyword);
  const fromContext = (keyword === 'COPY' || keyword === 'ADD') && !ins.text.includes('--from');
  const sources = ins.text.split(/\s+/).slice(1).filter((w) => !w.startsWith('--')).slice(0, -1);
  const count = !fromContext ? 0 : sources.some((s) => s === '.' || s === './') ? Number(wholeContext) : Math.max(1, sources.length);
  const perFile = Object.fromEntries(Array.from({ length: count }, (_, i) => [`src/pkg${String(i % 40).padStart(2, '0')}/module_file_${String(i).padStart(4, '0')}.go`, hex(32, i + n)]));
  const cached = n % 3 !== 2;
  let cause = null;
  if (!cached && keyword !== 'FROM') {
    cause = missed === null
      ? { kind: 'files-changed', detail: 'src/pkg01/module_file_0001.go changed', files: ['src/pkg01/module_file_0001.go'], causeLine: null }
      : { kind: 'parent-rebuilt', detail: `line ${missed} rebuilt`, files: [], causeLine: missed };
    missed ??= ins.line;
  }
  return {
    line: ins.line,
    endLine: ins.endLine,
    stage: stageName,
    instruction: ins.text,
    keyword,
    cached: layer || keyword === 'FROM' || keyword === 'WORKDIR' ? cached : null,
    durationMs: layer ? 100 + ((n * 997) % 40000) : null,
    sizeBytes: layer ? 1000 + ((n * 7919) % 50_000_000) : null,
    output: layer ? 'layer' : 'metadata',
    error: null,
    cause,
    inputs: {
      args: keyword === 'RUN' ? { ...args } : {},
      files: fromContext ? { digest: digest(n), perFile: count <= 2000 ? perFile : null, count } : null,
      base: keyword === 'FROM' ? { ref: ins.text.split(/\s+/).filter((w) => !w.startsWith('--'))[1], id: digest(n + 1), digest: `docker.io/library/golang@${digest(n + 2)}` } : null,
    },
    rebuildsWhen: [
      { kind: 'text', subject: '' },
      ...(keyword === 'RUN' ? Object.keys(args).slice(0, 2).map((name) => ({ kind: 'build-arg', subject: name })) : []),
      ...(fromContext ? [{ kind: 'files', subject: sources.join(' ') }] : []),
    ],
  };
});
const ran = steps.filter((s) => s.cached !== null);
const record = {
  version: 1,
  id: '2026-12-08T01:00:00.000Z-0a1b2c3d',
  dockerfile: `/home/user/project/${file.split('/').slice(-3).join('/')}`,
  target: null,
  startedAt: '2026-12-08T01:00:00.000Z',
  durationMs: 95_000,
  builder: 'rawjson',
  noCache: false,
  succeeded: true,
  buildArgs: { BUILD_TAGS: 'e2e' },
  image: { tag: 'local/app:dev', id: digest(999), sizeBytes: 512_000_000 },
  cacheHitRatio: ran.filter((s) => s.cached).length / Math.max(1, ran.length),
  steps,
  failure: null,
};
const json = JSON.stringify(record);
console.log(`${file}: ${text.split('\n').length} lines, ${steps.length} steps, ${steps.filter((s) => s.inputs.files).length} COPY/ADD from the context (${steps.reduce((n, s) => n + (s.inputs.files?.count ?? 0), 0)} files): record ${Buffer.byteLength(json)} bytes`);
