/**
 * The process runner: the one place that starts processes. Always an argv array and never a shell;
 * each process leads its own process group so that cancelling kills everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** A process to start. */
export interface SpawnRequest {
  command: string;
  args: string[];
  cwd?: string;
  /** Added to the inherited environment. */
  env?: Record<string, string>;
}

/** How a process ended; `errorCode` is set when it could not start (ENOENT...). */
export interface ProcessExit {
  code: number | null;
  signal: string | null;
  errorCode?: string;
}

/** A started process. */
export interface RunningProcess {
  readonly pid: number | undefined;
  onStdout(listener: (chunk: string) => void): void;
  onStderr(listener: (chunk: string) => void): void;
  /** Settles once the process has exited and its output is drained. */
  readonly exit: Promise<ProcessExit>;
  /** Ends the whole process group: SIGINT first so Docker can cancel cleanly, SIGKILL after the grace time. */
  kill(graceMs?: number): void;
}

/** Starts processes; tests and the extension use the Node one, unit tests may fake it. */
export interface ProcessRunner {
  spawn(request: SpawnRequest): RunningProcess;
}

/** A process that could not start: it has no output and has already ended with `errorCode`. */
function notStarted(errorCode: string): RunningProcess {
  return { pid: undefined, onStdout: () => undefined, onStderr: () => undefined, exit: Promise.resolve({ code: null, signal: null, errorCode }), kill: () => undefined };
}

/** The runner over node:child_process. */
export const nodeRunner: ProcessRunner = {
  spawn(request) {
    let child: ChildProcess;
    try {
      child = spawn(request.command, request.args, {
        cwd: request.cwd,
        env: { ...process.env, ...request.env },
        shell: false,
        // A new process group on POSIX, so kill(-pid) reaches the CLI and any plugin it started.
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      // Some failures throw instead of emitting 'error': a working directory that is a file
      // (ENOTDIR), a NUL byte in an argument (a tag from a settings file).
      return notStarted((error as NodeJS.ErrnoException).code ?? 'ESPAWN');
    }
    const stdout: ((chunk: string) => void)[] = [];
    const stderr: ((chunk: string) => void)[] = [];
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => stdout.forEach((listener) => listener(chunk)));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.forEach((listener) => listener(chunk)));
    let exited = false;
    const exit = new Promise<ProcessExit>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        exited = true;
        resolve({ code: null, signal: null, errorCode: error.code ?? 'ESPAWN' });
      });
      // 'close' (not 'exit') so every output chunk has been delivered first.
      child.once('close', (code, signal) => {
        exited = true;
        resolve({ code, signal });
      });
    });
    function signalGroup(signal: NodeJS.Signals): void {
      if (child.pid === undefined) return;
      try {
        if (process.platform === 'win32') {
          spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { shell: false, windowsHide: true, stdio: 'ignore' });
        } else {
          process.kill(-child.pid, signal);
        }
      } catch {
        // The group is already gone.
      }
    }
    return {
      pid: child.pid,
      onStdout: (listener) => void stdout.push(listener),
      onStderr: (listener) => void stderr.push(listener),
      exit,
      kill(graceMs = 3000) {
        if (exited) return;
        signalGroup('SIGINT');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        void exit.then(() => {
          clearTimeout(timer);
          // Anything the CLI left in its group (a plugin that ignored SIGINT) goes too.
          signalGroup('SIGKILL');
        });
      },
    };
  },
};

/** What collect() returns: how the process ended, its output, and whether the time limit ended it. */
export interface Collected extends ProcessExit {
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a process to the end and collects its output. With `timeoutMs`, a process still running
 * then is killed (its whole group) and the result says `timedOut`.
 */
export async function collect(runner: ProcessRunner, request: SpawnRequest, timeoutMs?: number): Promise<Collected> {
  const process = runner.spawn(request);
  let stdout = '';
  let stderr = '';
  process.onStdout((chunk) => (stdout += chunk));
  process.onStderr((chunk) => (stderr += chunk));
  let timedOut = false;
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    process.kill(1000);
  }, timeoutMs);
  const exit = await process.exit;
  clearTimeout(timer);
  return { ...exit, stdout, stderr, timedOut };
}
