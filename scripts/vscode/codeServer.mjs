// Starts and stops code-server (the real VS Code: server, web workbench, Node extension host) for
// the tests and for `npm start`, with the hygiene every caller needs: 127.0.0.1 only, no auth,
// telemetry, update checks and extension gallery off, auto-save off, a throwaway profile, its own
// process group (stopped as a group on stop, on exit, on Ctrl+C and on SIGTERM), and its logs kept
// for printing when something fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where scripts/vscode/install.sh put node24 and code-server (same defaults as env.sh). */
export function toolPaths() {
  const tools = process.env.DOCKERFILE_STUDIO_TOOLS || join(homedir(), '.cache', 'dockerfile-studio');
  const nodeVersion = process.env.DFS_NODE_VERSION || '24.22.3';
  const csVersion = process.env.DFS_CODE_SERVER_VERSION || '4.139.1';
  const csDir = join(tools, `code-server-${csVersion}`, 'node_modules', 'code-server');
  return {
    tools,
    node: join(tools, 'node24', 'bin', 'node'),
    entry: join(csDir, 'out', 'node', 'entry.js'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
    stamp: `node=${nodeVersion} code-server=${csVersion}`,
    stampFile: join(tools, 'installed.txt'),
  };
}

/** Names what is missing for the real editor, or returns an empty list when all is installed. */
export function missingTools() {
  const t = toolPaths();
  const missing = [];
  if (!existsSync(t.chromium)) missing.push(`chromium (${t.chromium})`);
  if (!existsSync(t.node)) missing.push(`node 24 (${t.node})`);
  if (!existsSync(t.entry)) missing.push(`code-server (${t.entry})`);
  else if (!existsSync(t.stampFile) || readFileSync(t.stampFile, 'utf8').trim() !== t.stamp) missing.push(`code-server install stamp (${t.stamp})`);
  return missing;
}

/** User settings that keep the workbench quiet, deterministic and offline. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'editor.hover.delay': 150,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
};

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every `everyMs` until it returns a truthy value; throws `what` after `timeoutMs`. */
export async function waitFor(check, { timeoutMs = 60_000, everyMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const running = new Set();
let hooksInstalled = false;

/** Kills every process group still running; used by the exit and signal hooks. */
function killAllGroupsNow() {
  for (const server of running) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllGroupsNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      await Promise.allSettled([...running].map((s) => s.stop()));
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * Starts code-server and resolves once /healthz answers.
 * options: userDataDir, extensionsDir (default: fresh temp folders), extraArgs (e.g.
 * ['--vscode-option', 'enable-smoke-test-driver']), env (added to the server's environment),
 * port (default: a free one), settings (merged over QUIET_SETTINGS), linkExtensions (extension
 * folders to install as a person's would be: linked into the extensions dir as publisher.name-version,
 * so the freshly built working tree is what runs).
 */
export async function startCodeServer(options = {}) {
  const t = toolPaths();
  const missing = missingTools().filter((m) => !m.startsWith('chromium'));
  if (missing.length > 0) throw new Error(`code-server is not installed: ${missing.join(', ')} (run scripts/vscode/install.sh)`);
  installHooks();
  const state = mkdtempSync(join(tmpdir(), 'dfs-code-server-'));
  const userDataDir = options.userDataDir || join(state, 'user-data');
  const extensionsDir = options.extensionsDir || join(state, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  for (const folder of options.linkExtensions || []) {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    symlinkSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`));
  }
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  writeFileSync(join(state, 'config.yaml'), '');
  const port = options.port || (await freePort());
  const logFile = join(state, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    t.entry,
    '--config', join(state, 'config.yaml'),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.extraArgs || []),
  ];
  const child = spawn(t.node, args, {
    env: {
      ...process.env,
      ...options.env,
      PATH: `${dirname(t.node)}:${process.env.PATH}`,
      // An empty gallery: no marketplace lookups, nothing installed from outside.
      EXTENSIONS_GALLERY: '{"serviceUrl":""}',
      // Keep code-server out of ~/.config and ~/.local.
      XDG_CONFIG_HOME: join(state, 'xdg-config'),
      XDG_DATA_HOME: join(state, 'xdg-data'),
    },
    stdio: ['ignore', logFd, logFd],
    detached: true, // its own process group: server, extension host, pty host, file watcher
  });
  closeSync(logFd);
  let exited = child.exitCode !== null;
  const exitPromise = new Promise((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const base = `http://127.0.0.1:${port}`;

  const server = {
    base,
    port,
    pid: child.pid,
    state,
    userDataDir,
    extensionsDir,
    logFile,
    /** Resolves when the main code-server process exits. */
    exited: exitPromise,
    /** True once stop() has been called. */
    stopping: false,
    /** Stops the whole process group: TERM, then KILL whatever is left after 5 s. */
    async stop({ keepState = false } = {}) {
      if (!running.has(server)) return;
      running.delete(server);
      server.stopping = true;
      const groupAlive = () => { try { process.kill(-child.pid, 0); return true; } catch { return false; } };
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 5000))]);
      await waitFor(() => !groupAlive(), { timeoutMs: 5000, what: 'process group to exit' }).catch(() => {});
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      if (!keepState) rmSync(state, { recursive: true, force: true });
    },
    /** The server log and the newest extension-host and window logs, for a failed run. */
    logs() {
      let out = `----- code-server log (${logFile}) -----\n${tail(readIfThere(logFile))}\n`;
      for (const file of listLogs(join(userDataDir, 'logs'))) {
        out += `----- ${file} -----\n${tail(readIfThere(file))}\n`;
      }
      return out;
    },
  };
  running.add(server);
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`code-server exited during start:\n${readIfThere(logFile)}`);
      try {
        return (await fetch(`${base}/healthz`)).ok;
      } catch {
        return false;
      }
    }, { timeoutMs: 60_000, what: `code-server /healthz on ${base}` });
  } catch (error) {
    await server.stop({ keepState: true });
    throw error;
  }
  return server;
}

function readIfThere(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function tail(text, lines = 150) {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? [`... (${all.length - lines} earlier lines)`] : []).concat(all.slice(-lines)).join('\n');
}

/** Log files worth printing: the extension host's, the remote agent's and our output channels. */
function listLogs(dir) {
  const found = [];
  const walk = (d) => {
    let entries = [];
    try { entries = readdirSync(d); } catch { return; }
    for (const name of entries) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^(remoteexthost|exthost|remoteagent)\.log$|Dockerfile Studio/.test(name)) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}
