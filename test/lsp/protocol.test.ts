import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/settings';
import { TEST_ROOT } from '../service/helpers';

/** Flattens `{ hover: { details: true } }` into `{ 'hover.details': true }`, stopping at records of rules. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const isGroup = typeof inner === 'object' && inner !== null && !Array.isArray(inner) && Object.keys(inner).length > 0;
    if (isGroup) Object.assign(out, flatten(inner as Record<string, unknown>, path));
    else out[path] = inner;
  }
  return out;
}

test('every server setting is contributed in package.json with the same default', () => {
  const manifest = JSON.parse(readFileSync(join(TEST_ROOT, '..', 'package.json'), 'utf8'));
  const properties: Record<string, { default?: unknown; scope?: string }> = manifest.contributes.configuration.properties;
  for (const [key, value] of Object.entries(flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>))) {
    const contributed = properties[`dockerfileStudio.${key}`];
    assert.ok(contributed, `dockerfileStudio.${key} is not contributed in package.json`);
    assert.deepEqual(contributed.default, value, `default of dockerfileStudio.${key}`);
  }
});

test('settings that name something to run, or the engine and builder it talks to, are machine-scoped', () => {
  const manifest = JSON.parse(readFileSync(join(TEST_ROOT, '..', 'package.json'), 'utf8'));
  const properties: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;
  const keys = ['server.path', 'docker.path', 'docker.context', 'docker.host', 'build.builder', 'build.progress'];
  for (const key of keys) assert.equal(properties[`dockerfileStudio.${key}`]?.scope, 'machine', key);
});

test('in an untrusted workspace support is limited: every command but restartServer, and every menu entry, needs trust', () => {
  const manifest = JSON.parse(readFileSync(join(TEST_ROOT, '..', 'package.json'), 'utf8'));
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  const commands: { command: string; enablement?: string }[] = manifest.contributes.commands;
  assert.deepEqual(
    commands.filter((c) => c.enablement !== 'isWorkspaceTrusted').map((c) => c.command),
    ['dockerfileStudio.restartServer'],
  );
  const entries: { command: string; when?: string }[] = Object.values(manifest.contributes.menus as Record<string, { command: string; when?: string }[]>).flat();
  assert.ok(entries.length > 0);
  assert.deepEqual(
    entries.filter((e) => !/(^|&& )isWorkspaceTrusted$/.test(e.when ?? '')).map((e) => e.command),
    [],
  );
});

test('normalizeSettings fills defaults and drops malformed values without throwing', () => {
  assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings('junk'), DEFAULT_SETTINGS);
  assert.deepEqual(
    normalizeSettings({ hover: { details: 'yes' }, diagnostics: { enabled: false, severities: { UndefinedVar: 'error', Other: 'loud', x: 3 } } }),
    { hover: { details: true }, diagnostics: { enabled: false, severities: { UndefinedVar: 'error' } }, build: { context: '' } },
  );
  assert.deepEqual(normalizeSettings({ build: { context: ' ../.. ' } }).build, { context: '../..' });
  assert.deepEqual(normalizeSettings({ build: { context: 7 } }).build, { context: '' });
});

test('the server, the client and the protocol share one copy of vscode-languageserver-types and vscode-jsonrpc', () => {
  // Two copies make their classes and brand types differ, which is what forced casts in server.ts.
  const root = join(TEST_ROOT, '..');
  // The entry file a package resolves to from a folder: the same file means the same copy.
  const resolveFrom = (from: string, name: string) => require.resolve(name, { paths: [from] });
  const packageFolder = (name: string) => join(dirname(resolveFrom(root, `${name}/package.json`)));
  const protocol = packageFolder('vscode-languageserver-protocol');
  for (const name of ['vscode-languageserver-types', 'vscode-jsonrpc']) {
    assert.equal(resolveFrom(protocol, name), resolveFrom(root, name), `${name} is installed twice`);
  }
  const client = packageFolder('vscode-languageclient');
  assert.equal(resolveFrom(client, 'vscode-languageserver-protocol'), resolveFrom(root, 'vscode-languageserver-protocol'));
});
