/**
 * The layer-cache views of one activation: the record store in the extension's storage, the
 * editor decorations and the panel. A build's record arrives here (BuildController.onDidRecord),
 * is saved, decorates its Dockerfile and refreshes the panel when it is open; the panel's compare
 * and the export ask the server (causes and reports are the pure service's).
 */
import * as vscode from 'vscode';
import {
  COMPARE_BUILDS_REQUEST,
  FORMAT_REPORT_REQUEST,
  type BuildRecord,
  type CompareBuildsParams,
  type FormatReportParams,
  type LayerReportFormat,
} from '../../../server/src/protocol';
import type { Ctx } from '../ctx';
import { LayerDecorations } from './decorations';
import { type CompareRequest, LayerPanel, dockerfileUri } from './panel';
import { historyItems, previousRecord, problemsText, withRecord } from './recorder';
import { type RecordProblem, RecordStore } from './records';

/** The folder of the store inside the extension's storage. */
export const RECORDS_FOLDER = 'layer-records';

const TARGET_KEY = (file: string) => `layers:target:${file}`;

/** Owns the store, the decorations and the panel; made once by the context. */
export class LayerViews implements vscode.Disposable {
  readonly store: RecordStore;
  readonly decorations: LayerDecorations;
  readonly panel: LayerPanel;
  /** The last record of each Dockerfile and target in this session, in case the store could not keep it. */
  private readonly latest = new Map<string, BuildRecord>();
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: Ctx) {
    const storage = ctx.extension.storageUri ?? ctx.extension.globalStorageUri;
    this.store = new RecordStore(vscode.Uri.joinPath(storage, RECORDS_FOLDER).fsPath);
    this.decorations = new LayerDecorations(ctx.extension.extensionUri);
    this.panel = new LayerPanel(ctx.extension.extensionUri, (uri, line) => this.decorations.rangeOf(uri, line));
    ctx.push(this.decorations, this.panel, this.panel.onCompare((request) => void this.compare(request)));
  }

  /** The previous record of a Dockerfile and target, for the analysis to compare with; unreadable files are reported. */
  async previous(file: string, target: string | null): Promise<BuildRecord | null> {
    const { record, problems } = await previousRecord(this.store, file, target);
    this.report(problems);
    return record ?? this.latest.get(key(file, target)) ?? null;
  }

  /** Saves a build's record and shows it: decorations on its Dockerfile, and the panel when it is open. */
  async recorded(uri: vscode.Uri, record: BuildRecord): Promise<void> {
    this.latest.set(key(uri.fsPath, record.target), record);
    await this.ctx.extension.workspaceState.update(TARGET_KEY(uri.fsPath), record.target);
    try {
      await this.store.save(record);
    } catch (error) {
      void vscode.window.showWarningMessage(`Dockerfile Studio: the build record was not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.decorations.show(uri, record);
    if (this.panel.visible) this.panel.show(record, historyItems(await this.records(uri.fsPath, record)));
  }

  /** The target of the last recorded build of a Dockerfile (null: the last stage). */
  rememberedTarget(file: string): string | null {
    return this.ctx.extension.workspaceState.get<string | null>(TARGET_KEY(file)) ?? null;
  }

  /** The last record of a Dockerfile and its remembered target, or undefined when it was never built here. */
  async last(uri: vscode.Uri): Promise<BuildRecord | undefined> {
    const target = this.rememberedTarget(uri.fsPath);
    const { record, problems } = await previousRecord(this.store, uri.fsPath, target);
    this.report(problems);
    return this.latest.get(key(uri.fsPath, target)) ?? record ?? undefined;
  }

  /** Opens the panel on the last record of a Dockerfile; false when there is none. */
  async showPanel(uri: vscode.Uri): Promise<boolean> {
    const record = await this.last(uri);
    if (!record) return false;
    this.panel.show(record, historyItems(await this.records(uri.fsPath, record)));
    return true;
  }

  /** The record the panel shows, else the last record of `uri`'s Dockerfile. */
  async current(uri: vscode.Uri | undefined): Promise<BuildRecord | undefined> {
    return this.panel.record ?? (uri ? await this.last(uri) : undefined);
  }

  /** A record as a layer report, made by the server (undefined: the user was told why not). */
  formatReport(record: BuildRecord, format: LayerReportFormat): Promise<string | undefined> {
    return this.ctx.request<string>(FORMAT_REPORT_REQUEST, { record, format } satisfies FormatReportParams);
  }

  dispose(): void {
    this.latest.clear();
  }

  /** The stored records of a Dockerfile and the record's target, newest first, with `record` among them. */
  private async records(file: string, record: BuildRecord): Promise<BuildRecord[]> {
    const listing = await this.store.list(file, record.target).catch(() => ({ records: [], problems: [] }));
    return withRecord(listing.records, record);
  }

  /** Recomputes the causes of one stored build against an older one and shows the result. */
  private async compare(request: CompareRequest): Promise<void> {
    const { records } = await this.store.list(request.dockerfile, request.target).catch(() => ({ records: [] as BuildRecord[] }));
    const current = records.find((r) => r.id === request.currentId);
    const baseline = records.find((r) => r.id === request.baselineId);
    if (!current || !baseline) {
      void vscode.window.showWarningMessage('Dockerfile Studio: one of the two builds is no longer in the store.');
      return;
    }
    const params: CompareBuildsParams = { uri: dockerfileUri(request.dockerfile).toString(), current, baseline };
    const compared = await this.ctx.request<BuildRecord>(COMPARE_BUILDS_REQUEST, params);
    if (compared) this.panel.show(compared, historyItems(records), baseline.id);
  }

  /** Tells the user once about each store file that could not be read (it is skipped, never deleted). */
  private report(problems: readonly RecordProblem[]): void {
    const fresh = problems.filter((p) => !this.reported.has(p.file));
    for (const problem of fresh) this.reported.add(problem.file);
    const text = problemsText(fresh);
    if (text) void vscode.window.showWarningMessage(`Dockerfile Studio: ${text}`);
  }
}

const key = (file: string, target: string | null) => JSON.stringify([file, target]);
