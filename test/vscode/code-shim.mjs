#!/usr/bin/env node
// The "VS Code executable" handed to @vscode/test-electron's runTests({ vscodeExecutablePath })
// where no desktop VS Code can be downloaded. runTests starts it with Electron-style arguments:
//   <workspace> --no-sandbox ... --extensionTestsPath=T --extensionDevelopmentPath=D
//   --extensions-dir=X --user-data-dir=U
// It starts code-server with that profile, opens the workspace in headless Chromium with the
// extension under development and the test module as development options, and exits with the
// code the extension host reports when the test module's run() settles. On failure or timeout
// it prints the code-server and extension-host logs. code-server is stopped as a process group
// in every case.
//
// Env: DFS_VSCODE_TEST_TIMEOUT (seconds, default 600).
import { resolve } from 'node:path';
import { format } from 'node:util';
import { startCodeServer } from '../../scripts/vscode/codeServer.mjs';
import { launchBrowser, remoteUri, workbenchUrl } from '../../scripts/vscode/browser.mjs';

// Lines of the workbench's own chatter that say nothing about our extension.
const NOISE = /open-vsx|ENOTFOUND|Failed to load resource|additional builtin extensions|authentication provider 'github'|AccountPolicyGate|AgentHost|Creating a socket|connection token|reconnection-grace-time|Service Worker|^\s+at /;

const argv = process.argv.slice(2);
if (argv.includes('--version')) {
  console.log('dockerfile-studio code-server shim');
  process.exit(0);
}
// The last occurrence wins, so launchArgs given by the caller override runTests' defaults... and
// runTests only adds its own profile folders when the caller gave none.
const option = (name) => argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const devPaths = option('extensionDevelopmentPath').map((p) => resolve(p));
const testsPath = option('extensionTestsPath').at(-1);
const workspace = argv.find((a) => !a.startsWith('-'));
if (!testsPath || devPaths.length === 0 || !workspace) {
  console.error('code-shim: needs a workspace folder, --extensionTestsPath= and --extensionDevelopmentPath=');
  process.exit(2);
}
const timeoutMs = (Number(process.env.DFS_VSCODE_TEST_TIMEOUT) || 600) * 1000;

let code = 1;
let server;
let browser;
const t0 = Date.now();
try {
  server = await startCodeServer({
    userDataDir: option('user-data-dir').at(-1),
    extensionsDir: option('extensions-dir').at(-1),
    // Development options in the URL are only honoured with the smoke-test driver on.
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  console.log(`code-shim: code-server ${server.base} (process group ${server.pid}) up in ${Date.now() - t0} ms`);
  browser = await launchBrowser();
  const page = await browser.newPage();
  let reportExit;
  const exited = new Promise((r) => { reportExit = r; });
  // The workbench forwards extension-host output here and calls codeAutomationExit when the
  // test module settles, as it does for @vscode/test-web.
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) if (!NOISE.test(line)) console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (exitCode) => reportExit(exitCode));
  page.on('pageerror', (e) => console.log(`[workbench pageerror] ${e.message}`));
  const payload = [
    ...devPaths.map((p) => ['extensionDevelopmentPath', remoteUri(server.base, p)]),
    ['extensionTestsPath', remoteUri(server.base, resolve(testsPath))],
  ];
  await page.goto(workbenchUrl(server.base, resolve(workspace), payload));
  let timer;
  const timedOut = new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    console.error(`code-shim: the extension tests did not finish within ${timeoutMs / 1000} s`);
    code = 124;
  } else {
    code = Number(result);
  }
} catch (error) {
  console.error(`code-shim: ${error && error.stack ? error.stack : error}`);
  code = 1;
} finally {
  if (code !== 0 && server) console.error(server.logs());
  await browser?.close().catch(() => {});
  await server?.stop();
}
process.exit(code);
