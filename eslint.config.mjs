// Lint: TypeScript rules plus the layer boundaries of DESIGN.md, checked by a small rule of our own:
// - the pure service (server/src/service/) imports only an allowlist of packages and its own files,
//   and types (nothing else) from the shared protocol (server/src/protocol/);
// - the protocol imports nothing but its own files: client, server and service all share it;
// - the wiring (the rest of server/src/) reaches the service only through its facade, service/index.ts;
// - webview code (client/src/webview/) and what it shares with the host runs in a browser: no Node,
//   no vscode, no packages; its value imports stay among the browser-safe files.
import { builtinModules } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const SERVICE = resolve(root, 'server/src/service');
const SERVICE_PACKAGES = ['dockerfile-ast', 'vscode-languageserver-types', 'vscode-languageserver-textdocument'];
const WEBVIEW = resolve(root, 'client/src/webview');
// Host-side modules the webview bundles too; they are held to the same rule.
const BROWSER_SAFE = [resolve(root, 'client/src/layers/format')];
const BROWSER_SAFE_GLOBS = ['client/src/webview/**/*.ts', 'client/src/layers/format.ts'];
// The shared protocol types (build plan, records) may reach the service as types only: no code runs.
const PROTOCOL = resolve(root, 'server/src/protocol');

const inside = (path, folder) => path === folder || path.startsWith(folder + sep);

/** True when an import or export brings in types only (`import type`, or every specifier `type`). */
function typeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** Reports an import that crosses a layer boundary; `rule(file, spec, typeOnly)` returns the message or null. */
function importRule(check) {
  return {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const file = context.filename;
      const report = (node, typeOnly = false) => {
        if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
        const message = check(file, node.value, typeOnly);
        if (message) context.report({ node, message });
      };
      return {
        ImportDeclaration: (node) => report(node.source, typeOnly(node)),
        ExportNamedDeclaration: (node) => report(node.source, typeOnly(node)),
        ExportAllDeclaration: (node) => report(node.source, typeOnly(node)),
        ImportExpression: (node) => report(node.source),
        TSImportEqualsDeclaration: (node) => report(node.moduleReference?.expression, node.importKind === 'type'),
      };
    },
  };
}

const layers = {
  rules: {
    'pure-service': importRule((file, spec, typeOnly) => {
      if (SERVICE_PACKAGES.includes(spec)) return null;
      if (spec.startsWith('.') && inside(resolve(dirname(file), spec), PROTOCOL) && typeOnly) return null;
      if (spec.startsWith('.') && inside(resolve(dirname(file), spec), SERVICE)) return null;
      return `The pure service imports only ${SERVICE_PACKAGES.join(', ')}, its own files and types from the protocol (DESIGN.md section 1), not '${spec}'.`;
    }),
    'protocol-alone': importRule((file, spec) => {
      if (spec.startsWith('.') && inside(resolve(dirname(file), spec), PROTOCOL)) return null;
      return `The protocol is types and message names that client, server and service share: it imports only its own files, not '${spec}'.`;
    }),
    'service-facade': importRule((file, spec) => {
      if (!spec.startsWith('.')) return null;
      const target = resolve(dirname(file), spec);
      if (!inside(target, SERVICE) || target === SERVICE || target === resolve(SERVICE, 'index')) return null;
      return `Outside the service, import it through its facade ('${spec.slice(0, spec.indexOf('service') + 'service'.length)}'), not '${spec}'.`;
    }),
    'browser-safe': importRule((file, spec, typeOnly) => {
      const builtin = spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
      if (builtin || spec === 'vscode') return `Webview code runs in a browser: no '${spec}' (DESIGN.md section 1).`;
      if (typeOnly) return null;
      if (!spec.startsWith('.')) return `Webview code bundles no packages: not '${spec}'.`;
      const target = resolve(dirname(file), spec);
      if (inside(target, WEBVIEW) || BROWSER_SAFE.includes(target.replace(/\.ts$/, ''))) return null;
      return `Webview code imports values only from client/src/webview/ and the browser-safe host modules, not '${spec}' (a type-only import is fine).`;
    }),
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-output/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['server/src/service/**/*.ts'], rules: { 'layers/pure-service': 'error' } },
  { files: ['server/src/protocol/**/*.ts'], rules: { 'layers/protocol-alone': 'error' } },
  { files: ['server/src/**/*.ts', 'client/src/**/*.ts'], ignores: ['server/src/service/**'], rules: { 'layers/service-facade': 'error' } },
  {
    files: BROWSER_SAFE_GLOBS,
    rules: {
      'layers/browser-safe': 'error',
      // Webview DOM is built from text nodes (client/src/webview/dom.ts); markup from strings is refused.
      'no-restricted-properties': ['error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'srcdoc'].map((property) => ({ property, message: 'Build webview DOM with h() from dom.ts: strings become text nodes.' })),
        { object: 'document', property: 'write', message: 'Build webview DOM with h() from dom.ts.' }],
    },
  },
);
