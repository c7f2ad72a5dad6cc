import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDockerfileName } from '../../server/src/cli/files';

test('Dockerfile names', () => {
  const names = [
    'Dockerfile',
    'dockerfile',
    'Dockerfile.dev',
    'Dockerfile.dockerignore',
    'api.dockerfile',
    'api.Dockerfile',
    'Containerfile',
    'Containerfile.arm64',
    'x.containerfile',
    '.dockerfile',
    'Dockerfile.',
    'Dockerfiles',
    'README.md',
    'docker-compose.yml',
  ];
  assert.deepEqual(names.filter(isDockerfileName), [
    'Dockerfile',
    'dockerfile',
    'Dockerfile.dev',
    'api.dockerfile',
    'api.Dockerfile',
    'Containerfile',
    'Containerfile.arm64',
    'x.containerfile',
  ]);
});
