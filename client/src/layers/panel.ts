/**
 * The host of the "Show Layer Cache" webview panel: one panel, a static page under a nonce CSP
 * (panelHtml.ts), the record sent by postMessage, and the webview's requests (open a line, compare
 * two builds) answered here. Local resources are limited to media/ and dist/webview/.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { BuildRecord } from '../../../server/src/protocol/build';
import { type HistoryItem, type ShowMessage, parseFromWebview } from '../webview/messages';
import { panelHtml } from './panelHtml';

export type { HistoryItem } from '../webview/messages';

/** A request from the panel to show `currentId` with its causes computed against `baselineId`. */
export interface CompareRequest {
  dockerfile: string;
  target: string | null;
  currentId: string;
  baselineId: string;
}

/** Where an instruction of a record is in the editor now (lines may have moved since the build). */
export type LocateLine = (uri: vscode.Uri, line: number) => vscode.Range | undefined;

/** The Dockerfile a record names: a URI when it has a scheme (`file:///...`), else a file path. */
export function dockerfileUri(dockerfile: string): vscode.Uri {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(dockerfile) ? vscode.Uri.parse(dockerfile) : vscode.Uri.file(dockerfile);
}

/** The layer-cache panel; `show` creates it or brings it forward. */
export class LayerPanel implements vscode.Disposable {
  static readonly viewType = 'dockerfileStudio.layerCache';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private last: ShowMessage | undefined;
  private readonly compareEmitter = new vscode.EventEmitter<CompareRequest>();
  /** Fires when the user asks to compare two builds; the listener computes the causes and calls `show` again. */
  readonly onCompare = this.compareEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly locate?: LocateLine) {}

  /** Shows a record with the last builds of its Dockerfile (newest first), compared with `baselineId` (default: the build before it). */
  show(record: BuildRecord, history: HistoryItem[], baselineId?: string | null): void {
    const older = history.find((item) => item.id !== record.id && item.startedAt <= record.startedAt);
    this.last = { type: 'show', record, history, baselineId: baselineId === undefined ? older?.id ?? null : baselineId };
    const slash = Math.max(record.dockerfile.lastIndexOf('/'), record.dockerfile.lastIndexOf('\\'));
    const title = `Layer Cache: ${record.dockerfile.slice(slash + 1)}${record.target ? ` (${record.target})` : ''}`;
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
      if (this.ready) void this.panel.webview.postMessage(this.last);
      return;
    }
    this.panel = this.create(title);
  }

  /** The record the open panel shows, if it is open. */
  get record(): BuildRecord | undefined {
    return this.panel ? this.last?.record : undefined;
  }

  /** Whether the panel is open. */
  get visible(): boolean {
    return this.panel !== undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    this.compareEmitter.dispose();
  }

  private create(title: string): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const scripts = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(LayerPanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [media, scripts],
    });
    panel.iconPath = { light: vscode.Uri.joinPath(media, 'layers-light.svg'), dark: vscode.Uri.joinPath(media, 'layers-dark.svg') };
    const webview = panel.webview;
    this.ready = false;
    webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    });
    // A hidden panel drops its page; it reloads when shown again and says `ready` once more.
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'layers.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'layers.css')).toString(),
    });
    return panel;
  }

  private receive(value: unknown): void {
    const message = parseFromWebview(value);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.last) void this.panel?.webview.postMessage(this.last);
        break;
      case 'reveal':
        void this.reveal(message.line);
        break;
      case 'compare': {
        const record = this.last?.record;
        const known = new Set(this.last?.history.map((item) => item.id));
        if (record && message.currentId !== message.baselineId && known.has(message.currentId) && known.has(message.baselineId)) {
          this.compareEmitter.fire({ dockerfile: record.dockerfile, target: record.target, currentId: message.currentId, baselineId: message.baselineId });
        }
        break;
      }
    }
  }

  /** Opens the Dockerfile beside the panel and selects the instruction at the 1-based `line`. */
  private async reveal(line: number): Promise<void> {
    const record = this.last?.record;
    if (!record) return;
    const uri = dockerfileUri(record.dockerfile);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      void vscode.window.showWarningMessage(`Cannot open ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    let range = this.locate?.(uri, line);
    if (!range) {
      if (line > document.lineCount) return;
      const endLine = Math.min(document.lineCount, record.steps.find((step) => step.line === line)?.endLine ?? line);
      range = new vscode.Range(line - 1, 0, endLine - 1, document.lineAt(endLine - 1).text.length);
    }
    const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(document, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
