/**
 * The env file check before `docker run --env-file`: a bare NAME line would make docker copy
 * NAME's value from the extension host's environment into the container, so such a file is
 * refused with the line numbers; the file itself is read the safe way, on real temporary files.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MAX_ENV_FILE_BYTES, bareNameLines, checkEnvFile, envFileProblem } from '../../../client/src/docker/envFile';

let tmp = '';

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dfs-env-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const FILE = 'The env file /w/.env (from "dockerfileStudio.run.envFile")';
const WHY = 'Docker would copy such a variable from the environment of VS Code, which can hold your secrets, into the container. Write each one as NAME=value.';

test('bare names: lines docker fills from its own environment, as its parser reads lines', () => {
  const text = [
    'A=1', // 1: a value
    'AWS_SECRET_ACCESS_KEY', // 2: bare
    '', // 3: empty
    '   ', // 4: blank
    '# SECRET', // 5: a comment
    '  \t# indented comment', // 6
    '  GITHUB_TOKEN  ', // 7: bare, indented
    'EMPTY=', // 8: an empty value is a value
    'HOME\r', // 9: CRLF: bare all the same
    'PREFIX*', // 10: podman copies every variable starting with PREFIX
    'export X=1', // 11: has "=" (docker rejects the name; nothing is copied)
    '=x', // 12: no name (docker rejects it)
    '\u00a0# not a comment to us', // 13: docker trims U+00A0 and sees a comment; refusing it costs nothing
    'LAST', // 14: no final newline
  ].join('\n');
  assert.deepEqual(bareNameLines(text), [2, 7, 9, 10, 13, 14]);
  assert.deepEqual(bareNameLines(''), []);
  assert.deepEqual(bareNameLines('A=1\n'), []);
  // A lone CR does not end a line for docker: this is one line, with a value.
  assert.deepEqual(bareNameLines('A=1\rSECRET'), []);
});

test('the message names the file, the lines (ten, then a count), why, and the fix', () => {
  assert.equal(envFileProblem('/w/.env', { kind: 'text', text: 'A=1\nB=2\n' }), null);
  assert.equal(envFileProblem('/w/.env', { kind: 'text', text: 'A=1\nTOKEN\n' }), `${FILE} has a name without a value on line 2. ${WHY}`);
  const many = Array.from({ length: 12 }, (_, i) => `V${i}`).join('\n');
  assert.equal(envFileProblem('/w/.env', { kind: 'text', text: many }), `${FILE} has a name without a value on lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more. ${WHY}`);
  assert.equal(envFileProblem('/w/.env', { kind: 'absent', code: 'ENOENT' }), `${FILE} does not exist or is not a file.`);
});

test('the file is read the safe way: a FIFO, a link to /dev/zero and an oversized file are refused unread', { skip: process.platform === 'win32', timeout: 30_000 }, async () => {
  const good = join(tmp, 'good.env');
  writeFileSync(good, '\uFEFFA=1\n# note\nB=two words\n');
  assert.equal(await checkEnvFile(good), null);
  const bare = join(tmp, 'bare.env');
  writeFileSync(bare, 'A=1\nAWS_SECRET_ACCESS_KEY\n');
  assert.equal(await checkEnvFile(bare), `The env file ${bare} (from "dockerfileStudio.run.envFile") has a name without a value on line 2. ${WHY}`);
  const fifo = join(tmp, 'fifo.env');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, String(made.stderr));
  // Opened for a blocking read, the FIFO would never answer: the test's timeout would fail it.
  assert.equal(await checkEnvFile(fifo), `The env file ${fifo} (from "dockerfileStudio.run.envFile") was not read: not a regular file (a FIFO).`);
  const zero = join(tmp, 'zero.env');
  symlinkSync('/dev/zero', zero);
  assert.equal(await checkEnvFile(zero), `The env file ${zero} (from "dockerfileStudio.run.envFile") was not read: not a regular file (a character device).`);
  const big = join(tmp, 'big.env');
  writeFileSync(big, Buffer.alloc(MAX_ENV_FILE_BYTES + 1, 0x3d));
  assert.equal(await checkEnvFile(big), `The env file ${big} (from "dockerfileStudio.run.envFile") was not read: 1048577 bytes is more than the 1048576-byte limit.`);
  assert.equal(await checkEnvFile(join(tmp, 'missing.env')), `The env file ${join(tmp, 'missing.env')} (from "dockerfileStudio.run.envFile") does not exist or is not a file.`);
});
