/**
 * Base image environments from the client's engine: the server asks once per image (the images
 * of one lint in one request), answers "unknown" until the answer arrives, then re-lints, and
 * the lint then uses the engine's environment over the official-image table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImageEnvSource } from '../../server/src/imageEnvSource';
import type { ImageEnvResult } from '../../server/src/protocol';
import { createDockerfileService } from '../../server/src/service';

test('one request per lint, unknown until answered, a re-lint only when the answer brings news', async () => {
  const asked: string[][] = [];
  let relints = 0;
  let answer: (result: ImageEnvResult) => void = () => undefined;
  const source = new ImageEnvSource(
    (images) => {
      asked.push(images);
      return new Promise((resolve) => (answer = resolve));
    },
    () => relints++,
  );
  assert.equal(source.lookup('python:3.12'), undefined);
  assert.equal(source.lookup('local/app:1'), undefined);
  assert.equal(source.lookup('python:3.12'), undefined);
  await Promise.resolve();
  assert.deepEqual(asked, [['python:3.12', 'local/app:1']]);
  answer({ 'python:3.12': ['PATH=/bin', 'GPG_KEY=x'], 'local/app:1': null });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(relints, 1);
  assert.deepEqual(source.lookup('python:3.12'), ['PATH=/bin', 'GPG_KEY=x']);
  assert.equal(source.lookup('local/app:1'), undefined);
  await Promise.resolve();
  assert.equal(asked.length, 1);
});

test('the lint reads the engine environment through the service', () => {
  const service = createDockerfileService();
  const model = service.model('file:///Dockerfile', 1, () => 'FROM local/app:1\nENV A=$APP_HOME B=$lower\n');
  const undefinedVars = (imageEnv?: (image: string) => string[] | undefined) =>
    service.lint(model, { imageEnv }).filter((d) => d.code === 'UndefinedVar').map((d) => d.message);
  // Unknown image: only the lower-case name is reported (the guess).
  assert.deepEqual(undefinedVars(), ['"$lower" is not defined at this point']);
  // The engine knows it: APP_HOME is not there, lower-case or not.
  assert.deepEqual(undefinedVars((image) => (image === 'local/app:1' ? ['PATH=/bin'] : undefined)), [
    '"$APP_HOME" is not defined at this point',
    '"$lower" is not defined at this point',
  ]);
  assert.deepEqual(undefinedVars((image) => (image === 'local/app:1' ? ['PATH=/bin', 'APP_HOME=/app', 'lower=1'] : undefined)), []);
});
