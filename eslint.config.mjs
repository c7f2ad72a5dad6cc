// Lint: TypeScript rules plus the layer boundary of DESIGN.md: the pure service never imports
// VS Code, the LSP connection or Node's I/O modules.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-output/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'fs', 'child_process', 'net', 'http', 'https'],
          patterns: ['vscode-languageserver/*', 'node:*', 'vscode-languageclient*', '../../server', '../server*', '**/client/**'],
        },
      ],
    },
  },
);
