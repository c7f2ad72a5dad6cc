/**
 * Editor decorations after a build: on each instruction's first line a gutter mark and a text
 * (cached or rebuilt, time, size), and a hover with the details and the cause. Lines edited since
 * the build are tracked (staleLines.ts) and marked stale. `dockerfileStudio.layers.decorations`
 * (config.ts) and the toggle command turn them on and off. The words come from decorationText.ts.
 */
import * as vscode from 'vscode';
import type { BuildRecord, StepRecord } from '../../../server/src/protocol/build';
import { LAYER_DECORATIONS, SECTION, config } from '../config';
import { afterText, hoverMarkdown } from './decorationText';
import { type StepState, stepState } from './format';
import { StaleLines, type TextEdit, type TrackedRange } from './staleLines';

type Look = StepState | 'stale';
const ICONS: Record<Look, string> = {
  cached: 'layer-cached.svg',
  rebuilt: 'layer-rebuilt.svg',
  failed: 'layer-failed.svg',
  metadata: 'layer-none.svg',
  'not-run': 'layer-none.svg',
  stale: 'layer-stale.svg',
};
// On one line the most telling state wins the gutter mark.
const RANK: StepState[] = ['failed', 'rebuilt', 'cached', 'not-run', 'metadata'];

interface Shown {
  record: BuildRecord;
  /** The record's steps by their 1-based first line (an ONBUILD line may carry two). */
  steps: Map<number, StepRecord[]>;
  /** Made when the document is first seen open, from its line lengths then. */
  tracker: StaleLines | null;
}

/** A document's line lengths when its build started, and the edits made since (replayed by `show`). */
interface Pending {
  lineLengths: number[];
  edits: TextEdit[];
  /** More edits than are worth keeping: every instruction counts as edited. */
  overflow: boolean;
}

// Past this many edits during one build, replaying them is not worth it.
const MAX_PENDING_EDITS = 5000;

/** The layer decorations of every Dockerfile that has a build record shown. */
export class LayerDecorations implements vscode.Disposable {
  private readonly types: Record<Look, vscode.TextEditorDecorationType>;
  private readonly shown = new Map<string, Shown>();
  private readonly pending = new Map<string, Pending>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri) {
    const looks = Object.keys(ICONS) as Look[];
    this.types = Object.fromEntries(looks.map((look) => [look, vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', ICONS[look]),
      gutterIconSize: '80%',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      after: {
        margin: '0 0 0 2em',
        fontStyle: 'italic',
        color: new vscode.ThemeColor(look === 'stale' ? 'disabledForeground' : 'editorCodeLens.foreground'),
      },
    })])) as Record<Look, vscode.TextEditorDecorationType>;
    this.disposables.push(
      ...Object.values(this.types),
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.shown.delete(document.uri.toString());
        this.pending.delete(document.uri.toString());
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.render(editor))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.${LAYER_DECORATIONS}`)) this.renderAll();
      }),
    );
  }

  /**
   * Call when a build of the Dockerfile starts (after the document is saved, as the build reads it
   * from disk): edits made while it runs then count as edits since the build when its record is
   * shown. Without this, only edits after `show` do.
   */
  buildStarted(editorUri: vscode.Uri): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === editorUri.toString());
    if (!document) {
      this.pending.delete(editorUri.toString());
      return;
    }
    const lineLengths = Array.from({ length: document.lineCount }, (_, line) => document.lineAt(line).text.length);
    this.pending.set(editorUri.toString(), { lineLengths, edits: [], overflow: false });
  }

  /** Decorates the Dockerfile at `editorUri` with `record` (replacing an earlier record's decorations). */
  show(editorUri: vscode.Uri, record: BuildRecord): void {
    const steps = new Map<number, StepRecord[]>();
    for (const step of record.steps) steps.set(step.line, [...(steps.get(step.line) ?? []), step]);
    const shown: Shown = { record, steps, tracker: null };
    const key = editorUri.toString();
    this.shown.set(key, shown);
    const pending = this.pending.get(key);
    this.pending.delete(key);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (pending && !pending.overflow) {
      // The lines as the build read them, then every edit made while it ran.
      this.track(shown, pending.lineLengths.length, (line) => pending.lineLengths[line]);
      for (const edit of pending.edits) shown.tracker!.apply(edit);
    } else if (document) {
      this.track(shown, document.lineCount, (line) => document.lineAt(line).text.length);
      if (pending?.overflow) shown.tracker!.markAllStale();
    }
    this.renderAll();
  }

  /** Removes the decorations of one Dockerfile, or of all. */
  clear(editorUri?: vscode.Uri): void {
    if (editorUri) this.shown.delete(editorUri.toString());
    else this.shown.clear();
    this.renderAll();
  }

  /** The current range of the instruction the build saw at 1-based `line`, following edits since. */
  rangeOf(uri: vscode.Uri, line: number): vscode.Range | undefined {
    const range = this.shown.get(uri.toString())?.tracker?.get(line);
    return range && new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  }

  /** Every decorated instruction of a Dockerfile: the line the build saw, where it is now, and whether it was edited since. */
  tracked(uri: vscode.Uri): { line: number; range: vscode.Range; stale: boolean }[] {
    const tracker = this.shown.get(uri.toString())?.tracker;
    return (tracker?.all() ?? []).map((r) => ({ line: r.key, range: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), stale: r.stale }));
  }

  dispose(): void {
    this.shown.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private track(shown: Shown, lineCount: number, lineLength: (line: number) => number): void {
    const tracker = new StaleLines();
    for (const [line, steps] of shown.steps) {
      if (line < 1 || line > lineCount) continue;
      const endLine = Math.min(lineCount, Math.max(line, ...steps.map((s) => s.endLine)));
      tracker.add(line, line - 1, endLine - 1, lineLength(endLine - 1));
    }
    shown.tracker = tracker;
  }

  private edited(event: vscode.TextDocumentChangeEvent): void {
    const pending = this.pending.get(event.document.uri.toString());
    if (pending && !pending.overflow) {
      for (const change of event.contentChanges) pending.edits.push({ start: change.range.start, end: change.range.end, text: change.text });
      if (pending.edits.length > MAX_PENDING_EDITS) {
        pending.overflow = true;
        pending.edits = [];
      }
    }
    const shown = this.shown.get(event.document.uri.toString());
    if (!shown?.tracker || event.contentChanges.length === 0) return;
    for (const change of event.contentChanges) shown.tracker.apply({ start: change.range.start, end: change.range.end, text: change.text });
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document === event.document) this.render(editor);
    }
  }

  private renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.render(editor);
  }

  private render(editor: vscode.TextEditor): void {
    const shown = this.shown.get(editor.document.uri.toString());
    const byLook = new Map<Look, vscode.DecorationOptions[]>();
    if (shown && config.layerDecorations()) {
      if (!shown.tracker) this.track(shown, editor.document.lineCount, (line) => editor.document.lineAt(line).text.length);
      for (const range of shown.tracker!.all()) {
        const options = this.decoration(shown, range, editor.document);
        if (options) byLook.set(options.look, [...(byLook.get(options.look) ?? []), options.decoration]);
      }
    }
    for (const look of Object.keys(this.types) as Look[]) editor.setDecorations(this.types[look], byLook.get(look) ?? []);
  }

  private decoration(shown: Shown, range: TrackedRange, document: vscode.TextDocument): { look: Look; decoration: vscode.DecorationOptions } | null {
    const steps = shown.steps.get(range.key);
    if (!steps || range.start.line >= document.lineCount) return null;
    const look: Look = range.stale ? 'stale' : RANK.find((candidate) => steps.some((step) => stepState(step) === candidate)) ?? 'metadata';
    const hover = new vscode.MarkdownString(hoverMarkdown(steps, shown.record, range.stale));
    hover.isTrusted = false;
    hover.supportHtml = false;
    return {
      look,
      decoration: {
        range: document.lineAt(range.start.line).range,
        hoverMessage: hover,
        renderOptions: { after: { contentText: afterText(steps, range.stale) } },
      },
    };
  }
}
