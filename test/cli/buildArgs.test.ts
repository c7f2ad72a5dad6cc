import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';

test('build: defaults, every option in both spellings, repeated build args in order, -- before a dashed context', () => {
  assert.deepEqual(parseArgs(['build', '.']), { kind: 'build', context: '.', file: null, target: null, tag: null, buildArgs: [], noCache: false, pull: false, records: null, report: 'text' });
  assert.deepEqual(
    parseArgs(['build', '-f', 'docker/Dockerfile', '--target=final', '-t', 'app:ci', '--build-arg', 'A=1', '--build-arg=B=x=y', '--build-arg', 'A=', '--no-cache', '--pull', '--records', '/tmp/r', '--report=json', 'ctx dir']),
    { kind: 'build', context: 'ctx dir', file: 'docker/Dockerfile', target: 'final', tag: 'app:ci', buildArgs: [['A', '1'], ['B', 'x=y'], ['A', '']], noCache: true, pull: true, records: '/tmp/r', report: 'json' },
  );
  assert.deepEqual(parseArgs(['build', '--file=F', '--', '-ctx']), { kind: 'build', context: '-ctx', file: 'F', target: null, tag: null, buildArgs: [], noCache: false, pull: false, records: null, report: 'text' });
});

test('layers: the image and its Dockerfile, target and report', () => {
  assert.deepEqual(parseArgs(['layers', 'app:1', '--dockerfile', 'Dockerfile']), { kind: 'layers', image: 'app:1', dockerfile: 'Dockerfile', target: null, report: 'text' });
  assert.deepEqual(parseArgs(['layers', '--report', 'markdown', '-f', 'D', '--target', 'final', 'sha256:abc']), { kind: 'layers', image: 'sha256:abc', dockerfile: 'D', target: 'final', report: 'markdown' });
});

test('build and layers usage errors are one-line messages', () => {
  const errors = [
    [['build'], 'build needs the build context folder, e.g. build .'],
    [['build', 'a', 'b'], 'build takes one context folder (got 2)'],
    [['build', '.', '--squash'], "unknown option '--squash' for build"],
    [['build', '.', '--build-arg', 'NAME'], "--build-arg needs NAME=value (got 'NAME')"],
    [['build', '.', '--build-arg', '=v'], "--build-arg needs NAME=value (got '=v')"],
    [['build', '.', '--report', 'html'], "unknown report 'html' (expected text, json, markdown)"],
    [['build', '.', '--tag'], "option '--tag' needs a value"],
    [['layers', 'img'], 'layers needs --dockerfile <file> (the Dockerfile the image was built from)'],
    [['layers', '--dockerfile', 'D'], 'layers takes one image, e.g. layers myapp:latest --dockerfile Dockerfile'],
    [['layers', 'img', '--dockerfile', 'D', '--no-cache'], "unknown option '--no-cache' for layers"],
  ] as const;
  for (const [argv, message] of errors) assert.deepEqual(parseArgs(argv), { kind: 'usage-error', message }, argv.join(' '));
});
