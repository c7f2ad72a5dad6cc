// Bundles the extension client, the language server and the CLI into dist/, and the webview
// scripts into dist/webview/ (for the browser: they run inside VS Code's webview, not in Node).
// `--watch` rebuilds on change; `--production` minifies (used for packaging).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { layers: 'client/src/webview/layers.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    // VS Code 1.91's webviews run Chromium 124.
    target: 'chrome124',
    format: 'iife',
  },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('[watch] build started');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
