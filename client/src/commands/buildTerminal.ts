/**
 * A pseudoterminal that shows a build's or a container's output live. Docker's output uses bare
 * newlines; a terminal needs CRLF.
 */
import * as vscode from 'vscode';

/** One write to a build or run terminal: the terminal's name and the text as the command gave it. */
export interface TerminalOutput {
  terminal: string;
  text: string;
}

// Terminal data events are a proposed API; this lets the extension's API (and so the real-editor
// tests) read what a terminal shows without it.
const outputEmitter = new vscode.EventEmitter<TerminalOutput>();

/** Fires with every text written to a build or run terminal. */
export const onDidWriteOutput: vscode.Event<TerminalOutput> = outputEmitter.event;

/** A terminal we write to, and that reports when the user closes it. */
export class OutputTerminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly terminal: vscode.Terminal;
  private opened: Promise<void>;

  constructor(private readonly name: string, onClose: () => void) {
    let ready: () => void = () => undefined;
    this.opened = new Promise((resolve) => (ready = resolve));
    const pty: vscode.Pseudoterminal = { onDidWrite: this.writeEmitter.event, open: () => ready(), close: onClose };
    this.terminal = vscode.window.createTerminal({ name, pty });
    this.terminal.show(true);
  }

  /** Writes text, converting newlines for the terminal. */
  write(text: string): void {
    outputEmitter.fire({ terminal: this.name, text });
    void this.opened.then(() => this.writeEmitter.fire(text.replace(/\r?\n/g, '\r\n')));
  }

  /** Writes one bold line (the summary). */
  line(text: string): void {
    this.write(`\n\u001b[1m${text}\u001b[0m\n`);
  }

  dispose(): void {
    this.terminal.dispose();
    this.writeEmitter.dispose();
  }
}
