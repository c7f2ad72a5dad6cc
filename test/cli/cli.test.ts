/**
 * The CLI as a process: `node dist/cli.js` with argv arrays on temporary folders. Expected
 * findings come from the engine in-process (rules change; the wiring under test must not), so
 * each assertion compares whole outputs and exit statuses.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { ALL_RULES, getRule } from '../../server/src/service/diagnostics/rules';
import type { RuleSeverity } from '../../server/src/service/diagnostics/types';
import { formatGithub, formatText, summary, toFindings, type Finding } from '../../server/src/cli/format';
import { explainRule } from '../../server/src/cli/explain';
import { USAGE } from '../../server/src/cli/args';
import { runLint } from '../../server/src/cli/run';
import { createDockerfileService, type DockerfileService } from '../../server/src/service';
import { defineRule } from '../../server/src/service/diagnostics/defineRule';
import { TEST_ROOT } from '../service/helpers';

const ROOT = join(TEST_ROOT, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
let tmp = '';

function cli(args: string[], cwd = tmp): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(tmp, path, '..'), { recursive: true });
  writeFileSync(join(tmp, path), text);
}

/** What the engine finds in the given files (paths relative to tmp, shown as `shown`). */
function expected(files: { path: string; shown?: string; severities?: Record<string, RuleSeverity>; dockerignore?: string | null }[]): Finding[] {
  return files.flatMap((f) =>
    toFindings(f.shown ?? f.path, lint(buildModel(readFileSync(join(tmp, f.path), 'utf8')), { severities: f.severities, dockerignore: f.dockerignore ?? null })),
  );
}

const exitFor = (findings: Finding[], ranks: string[] = ['error']) => (findings.some((f) => ranks.includes(f.severity)) ? 1 : 0);

const BAD = 'FROM alpine:3.20\nRUNN echo hi\n';
const OK = 'FROM alpine:3.20\nRUN echo hi\n';

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dfs-cli-'));
  write('Dockerfile', OK);
  write('README.md', 'RUNN not a Dockerfile\n');
  write('Dockerfile.dockerignore', '*.md\n');
  write('sp ace/Dockerfile', BAD);
  write(`q"uo'te/api.dockerfile`, 'FROM alpine:3.20 AS Build\nCOPY README.md /\n');
  write('$(touch pwned)/Containerfile', 'FROM busybox\nENV a b\n');
  write('é漢/Dockerfile.dev', BAD);
  write('node_modules/x/Dockerfile', BAD);
  write('.git/Dockerfile', BAD);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

test('lint . walks the folder in name order, skipping node_modules and .git; hostile names stay inert', () => {
  const findings = expected([
    { path: '$(touch pwned)/Containerfile' },
    { path: 'Dockerfile', dockerignore: '*.md\n' },
    { path: `q"uo'te/api.dockerfile` },
    { path: 'sp ace/Dockerfile' },
    { path: 'é漢/Dockerfile.dev' },
  ]);
  assert.ok(findings.some((f) => f.rule === 'unknown-instruction'), 'the fixture has an error');
  assert.deepEqual(cli(['lint']), { status: exitFor(findings), stdout: formatText(findings), stderr: `${summary(findings, 5)}\n` });
  assert.deepEqual(cli(['lint', '.']), { status: exitFor(findings), stdout: formatText(findings), stderr: `${summary(findings, 5)}\n` });
  assert.equal(existsSync(join(tmp, 'pwned')), false);
});

test('explicit files and folders, JSON output, absolute paths as given', () => {
  const sub = join(tmp, 'sp ace');
  const findings = expected([
    { path: 'é漢/Dockerfile.dev' },
    { path: 'sp ace/Dockerfile', shown: join(sub, 'Dockerfile') },
  ]);
  const result = cli(['lint', '--format', 'json', 'é漢/Dockerfile.dev', sub, 'é漢/Dockerfile.dev']);
  assert.deepEqual(result, { status: 1, stdout: `${JSON.stringify(findings, null, 2)}\n`, stderr: `${summary(findings, 2)}\n` });
});

test('SARIF: every registry rule, one result per finding', () => {
  const findings = expected([{ path: 'sp ace/Dockerfile' }]);
  const result = cli(['lint', '--format=sarif', 'sp ace/Dockerfile']);
  assert.equal(result.status, 1);
  const log = JSON.parse(result.stdout) as { version: string; runs: { tool: { driver: { version: string; rules: { id: string; helpUri: string }[] } }; results: unknown[] }[] };
  assert.equal(log.version, '2.1.0');
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(log.runs[0].tool.driver.version, version);
  assert.deepEqual(
    log.runs[0].tool.driver.rules.map((r) => `${r.id} ${r.helpUri}`),
    ALL_RULES.map((r) => `${r.id} ${r.url}`),
  );
  assert.deepEqual(
    log.runs[0].results,
    findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ALL_RULES.findIndex((r) => r.id === f.rule),
      level: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note',
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'sp%20ace/Dockerfile' }, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
    })),
  );
});

test('GitHub workflow commands', () => {
  const findings = expected([{ path: `q"uo'te/api.dockerfile` }, { path: 'sp ace/Dockerfile' }]);
  assert.deepEqual(cli(['lint', '--format', 'github', `q"uo'te/api.dockerfile`, 'sp ace']), {
    status: exitFor(findings),
    stdout: formatGithub(findings),
    stderr: `${summary(findings, 2)}\n`,
  });
});

test('--severity sets the level that fails the run; config severities apply', () => {
  write('sev/Dockerfile', BAD);
  write('sev/.dockerfile-studio.json', JSON.stringify({ rules: { 'unknown-instruction': 'warning' } }));
  const severities: Record<string, RuleSeverity> = { 'unknown-instruction': 'warning' };
  const findings = expected([{ path: 'sev/Dockerfile', severities }]);
  assert.ok(findings.some((f) => f.rule === 'unknown-instruction' && f.severity === 'warning'));
  const out = { stdout: formatText(findings), stderr: `${summary(findings, 1)}\n` };
  assert.deepEqual(cli(['lint', 'sev']), { status: exitFor(findings), ...out });
  assert.deepEqual(cli(['lint', 'sev', '--severity', 'warning']), { status: 1, ...out });
  assert.deepEqual(cli(['lint', 'sev', '--severity', 'none']), { status: 0, ...out });
});

test('the config file is found upwards, its ignores skip files, and --config replaces it', () => {
  write('proj/.dockerfile-studio.json', JSON.stringify({ rules: { 'unknown-instruction': 'off', NoSuchRule: 'error' }, ignore: ['vendor/', '*.dev'] }));
  write('proj/app/Dockerfile', BAD);
  write('proj/app/Dockerfile.dev', BAD);
  write('proj/vendor/lib/Dockerfile', BAD);
  const off: Record<string, RuleSeverity> = { 'unknown-instruction': 'off' };
  const findings = expected([{ path: 'proj/app/Dockerfile', severities: off }]);
  assert.ok(!findings.some((f) => f.rule === 'unknown-instruction'));
  const warning = `dockerfile-studio: ${join(tmp, 'proj', '.dockerfile-studio.json')}: unknown rule 'NoSuchRule'\n`;
  assert.deepEqual(cli(['lint', 'proj']), { status: exitFor(findings), stdout: formatText(findings), stderr: `${warning}${summary(findings, 1)}\n` });
  // A file named explicitly but ignored says so.
  assert.deepEqual(cli(['lint', 'proj/app/Dockerfile.dev']), {
    status: 0,
    stdout: '',
    stderr: `${warning}proj/app/Dockerfile.dev: skipped: ignored by ${join(tmp, 'proj', '.dockerfile-studio.json')}\nno Dockerfiles found in proj/app/Dockerfile.dev\n`,
  });
  // --config: its rules and ignores (relative to its own folder) replace the nearest file's.
  write('other.json', JSON.stringify({ ignore: ['proj/vendor'] }));
  const all = expected([{ path: 'proj/app/Dockerfile' }, { path: 'proj/app/Dockerfile.dev' }]);
  assert.deepEqual(cli(['lint', '--config', 'other.json', 'proj']), { status: exitFor(all), stdout: formatText(all), stderr: `${summary(all, 2)}\n` });
});

test('the config search stops at the repository root (the folder holding .git)', () => {
  write('above/.dockerfile-studio.json', JSON.stringify({ rules: { 'unknown-instruction': 'off' } }));
  write('above/repo/.git/HEAD', 'ref: refs/heads/main\n');
  write('above/repo/app/Dockerfile', BAD);
  const findings = expected([{ path: 'above/repo/app/Dockerfile' }]);
  assert.ok(findings.some((f) => f.rule === 'unknown-instruction' && f.severity === 'error'));
  assert.deepEqual(cli(['lint', 'above/repo']), { status: 1, stdout: formatText(findings), stderr: `${summary(findings, 1)}\n` });
});

test('usage and I/O errors exit 2 with one clear line', () => {
  write('broken/.dockerfile-studio.json', '{ "rules": ');
  write('broken/Dockerfile', OK);
  symlinkSync('loop', join(tmp, 'loop'));
  const cases: [string[], string][] = [
    [['lint', '--fix'], "dockerfile-studio: unknown option '--fix' (dockerfile-studio --help shows the usage)\n"],
    [['lint', '--format', 'xml'], "dockerfile-studio: unknown format 'xml' (expected text, json, sarif, github) (dockerfile-studio --help shows the usage)\n"],
    [['frobnicate'], "dockerfile-studio: unknown command 'frobnicate' (dockerfile-studio --help shows the usage)\n"],
    [[], 'dockerfile-studio: missing command (lint, explain, rules, build or layers) (dockerfile-studio --help shows the usage)\n'],
    [['lint', 'no such.Dockerfile'], "dockerfile-studio: no such file or folder 'no such.Dockerfile'\n"],
    [['lint', 'loop'], "dockerfile-studio: cannot read 'loop' (ELOOP)\n"],
    [['lint', '--config', 'missing.json'], "dockerfile-studio: cannot read config 'missing.json' (ENOENT)\n"],
    [['lint', '--config', 'broken/.dockerfile-studio.json', 'broken'], /* filled below */ ''],
    [['lint', 'broken'], ''],
  ];
  const jsonError = (path: string) => {
    try {
      JSON.parse('{ "rules": ');
    } catch (error) {
      return `dockerfile-studio: ${path}: not valid JSON (${(error as Error).message})\n`;
    }
    return '';
  };
  cases[7][1] = jsonError('broken/.dockerfile-studio.json');
  cases[8][1] = jsonError(join(tmp, 'broken', '.dockerfile-studio.json'));
  for (const [args, stderr] of cases) assert.deepEqual(cli(args), { status: 2, stdout: '', stderr }, args.join(' '));
  // A file that exists but cannot be read: the others are still linted, and the run exits 2.
  if (process.platform === 'linux') {
    const findings = expected([{ path: 'sp ace/Dockerfile' }]);
    assert.deepEqual(cli(['lint', '/proc/self/mem', 'sp ace/Dockerfile']), {
      status: 2,
      stdout: formatText(findings),
      stderr: `dockerfile-studio: cannot read '/proc/self/mem' (EIO)\n${summary(findings, 1)}\n`,
    });
  }
});

test('a file with NUL bytes is linted (docker builds it); one over 8 MB is not checked and the run exits 2', () => {
  write('nul/Dockerfile', Buffer.from('FROM alpine:3.20\nRUNN a\u0000b\n', 'utf8'));
  write('huge/Dockerfile', Buffer.alloc(8 * 1024 * 1024 + 1, 0x23));
  mkdirSync(join(tmp, 'empty'));
  const findings = expected([{ path: 'nul/Dockerfile' }]);
  assert.ok(findings.some((f) => f.rule === 'unknown-instruction'), 'the NUL file has a finding to report');
  assert.deepEqual(cli(['lint', 'nul']), { status: 1, stdout: formatText(findings), stderr: `${summary(findings, 1)}\n` });
  assert.deepEqual(cli(['lint', 'huge', '--severity', 'none']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: could not check 'huge/Dockerfile': 8.0 MB is more than the 8 MB a Dockerfile is read up to\nno problems in 0 files\n",
  });
  assert.deepEqual(cli(['lint', 'empty']), { status: 0, stdout: '', stderr: 'no Dockerfiles found in empty\n' });
});

test('a rule that throws: its file is named on stderr as not checked and the run exits 2, whatever --severity', async () => {
  write('crash/Dockerfile', 'FROM alpine:3.20\nMAINTAINER me\n');
  const broken = defineRule({
    id: 'broken',
    title: 'Broken',
    severity: 'hint',
    docs: { catches: '', why: '', bad: '', good: '' },
    url: 'https://example.invalid/',
    checkInstruction: () => {
      throw new Error('boom');
    },
  });
  const real = createDockerfileService();
  const service: DockerfileService = { ...real, lint: (model, options) => lint(model, options, [broken, ...ALL_RULES]) };
  const findings = expected([{ path: 'crash/Dockerfile', shown: join(tmp, 'crash/Dockerfile') }]);
  assert.ok(findings.length > 0 && findings.every((f) => f.severity !== 'error'), 'warnings only: --severity error alone would pass');
  for (const failOn of ['error', 'none'] as const) {
    let stdout = '';
    let stderr = '';
    const run = { targets: [join(tmp, 'crash/Dockerfile')], format: 'text' as const, failOn, config: null, version: '0' };
    const status = await runLint(run, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, service);
    assert.deepEqual({ status, stdout, stderr }, {
      status: 2,
      stdout: formatText(findings),
      stderr: `dockerfile-studio: could not check '${join(tmp, 'crash/Dockerfile')}': rule broken (boom) failed; this is a bug in Dockerfile Studio, please report it\n${summary(findings, 1)}\n`,
    });
  }
});

test('a Dockerfile next to <name>.dockerignore gets that file before .dockerignore', () => {
  write('ctx/Dockerfile', 'FROM alpine:3.20\nCOPY secret.txt /\nCOPY notes.md /\n');
  write('ctx/.dockerignore', '*.md\n');
  write('ctx/Dockerfile.dockerignore', 'secret.txt\n');
  write('ctx/other.Dockerfile', 'FROM alpine:3.20\nCOPY notes.md /\n');
  const findings = expected([
    { path: 'ctx/Dockerfile', dockerignore: 'secret.txt\n' },
    { path: 'ctx/other.Dockerfile', dockerignore: '*.md\n' },
  ]);
  assert.deepEqual(cli(['lint', 'ctx']), { status: exitFor(findings), stdout: formatText(findings), stderr: `${summary(findings, 2)}\n` });
});

test('explain, rules, --help and --version', () => {
  const rule = getRule('unknown-instruction');
  assert.ok(rule);
  assert.deepEqual(cli(['explain', 'UNKNOWN-INSTRUCTION']), { status: 0, stdout: explainRule(rule), stderr: '' });
  assert.deepEqual(cli(['explain', 'unknown-instrucion']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: unknown rule 'unknown-instrucion'; did you mean 'unknown-instruction'? (dockerfile-studio rules lists them)\n",
  });
  assert.deepEqual(cli(['explain', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzz']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: unknown rule 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzz' (dockerfile-studio rules lists them)\n",
  });
  const rules = cli(['rules']);
  assert.equal(rules.status, 0);
  assert.deepEqual(rules.stdout.trimEnd().split('\n').map((line) => line.split(/\s+/)[0]), ALL_RULES.map((r) => r.id));
  assert.deepEqual(cli(['--help']), { status: 0, stdout: USAGE, stderr: '' });
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  assert.deepEqual(cli(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
});

test('- reads the Dockerfile from standard input, with the current folder config', () => {
  write('stdin/.dockerfile-studio.json', JSON.stringify({ rules: { 'unknown-instruction': 'warning' } }));
  const text = 'FROM alpine:3.20\nRUNN x\n';
  const findings = toFindings('-', lint(buildModel(text), { severities: { 'unknown-instruction': 'warning' } }));
  const result = spawnSync(process.execPath, [CLI, 'lint', '-', '-'], { cwd: join(tmp, 'stdin'), input: text, encoding: 'utf8' });
  assert.deepEqual(
    { status: result.status, stdout: result.stdout, stderr: result.stderr },
    { status: exitFor(findings), stdout: formatText(findings), stderr: `${summary(findings, 1)}\n` },
  );
  assert.ok(findings.some((f) => f.rule === 'unknown-instruction' && f.severity === 'warning'));
});

test('control characters in file names and arguments reach the terminal as escapes', () => {
  const folder = 'esc\u001b[31m\u202e';
  write(`${folder}/Dockerfile`, BAD);
  const findings = expected([{ path: `${folder}/Dockerfile` }]);
  const result = cli(['lint', folder]);
  assert.deepEqual(result, { status: exitFor(findings), stdout: formatText(findings), stderr: `${summary(findings, 1)}\n` });
  assert.ok(result.stdout.startsWith('esc\\u001b[31m\\u202e/Dockerfile:2:1 error unknown-instruction '), result.stdout);
  assert.deepEqual(cli(['lint', 'missing\u001b]8;;x\u0007\rok']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: no such file or folder 'missing\\u001b]8;;x\\u0007\\u000dok'\n",
  });
  assert.deepEqual(cli(['explain', 'x\u001b[2J']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: unknown rule 'x\\u001b[2J' (dockerfile-studio rules lists them)\n",
  });
});
