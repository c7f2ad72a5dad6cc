// Lint: TypeScript rules plus the layer boundaries of DESIGN.md, checked by a small rule of our own:
// - the pure service (server/src/service/) imports only an allowlist of packages and its own files;
// - the wiring (the rest of server/src/) reaches the service only through its facade, service/index.ts.
import { dirname, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const SERVICE = resolve(root, 'server/src/service');
const SERVICE_PACKAGES = ['dockerfile-ast', 'vscode-languageserver-types', 'vscode-languageserver-textdocument'];
// The shared protocol types (build plan, records) may reach the service as types only: no code runs.
const PROTOCOL = resolve(root, 'server/src/protocol');

const inside = (path, folder) => path === folder || path.startsWith(folder + sep);

/** Reports an import that crosses a layer boundary; `rule(file, spec)` returns the message or null. */
function importRule(check) {
  return {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const file = context.filename;
      const report = (node) => {
        if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
        const message = check(file, node.value, node.parent);
        if (message) context.report({ node, message });
      };
      return {
        ImportDeclaration: (node) => report(node.source),
        ExportNamedDeclaration: (node) => report(node.source),
        ExportAllDeclaration: (node) => report(node.source),
        ImportExpression: (node) => report(node.source),
        TSImportEqualsDeclaration: (node) => report(node.moduleReference?.expression),
      };
    },
  };
}

const layers = {
  rules: {
    'pure-service': importRule((file, spec, declaration) => {
      if (SERVICE_PACKAGES.includes(spec)) return null;
      if (spec.startsWith('.') && inside(resolve(dirname(file), spec), PROTOCOL) && declaration?.importKind === 'type') return null;
      if (spec.startsWith('.') && inside(resolve(dirname(file), spec), SERVICE)) return null;
      return `The pure service imports only ${SERVICE_PACKAGES.join(', ')} and its own files (DESIGN.md section 1), not '${spec}'.`;
    }),
    'service-facade': importRule((file, spec) => {
      if (!spec.startsWith('.')) return null;
      const target = resolve(dirname(file), spec);
      if (!inside(target, SERVICE) || target === SERVICE || target === resolve(SERVICE, 'index')) return null;
      return `Outside the service, import it through its facade ('${spec.slice(0, spec.indexOf('service') + 'service'.length)}'), not '${spec}'.`;
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
  { files: ['server/src/**/*.ts', 'client/src/**/*.ts'], ignores: ['server/src/service/**'], rules: { 'layers/service-facade': 'error' } },
);
