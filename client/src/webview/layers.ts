/**
 * Entry of the "Show Layer Cache" webview (bundled to dist/webview/layers.js for the browser). It
 * receives the record by postMessage only, keeps the last one as webview state (so a panel that was
 * hidden comes back without the host), and posts `reveal` and `compare` back.
 */
import { type FromWebview, type ShowMessage, parseToWebview } from './messages';
import { focusRow, navigableRows } from './keyboard';
import { panelModel } from './model';
import { render } from './view';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app') as HTMLElement;

function show(message: ShowMessage): void {
  const actions = {
    reveal: (line: number) => vscode.postMessage({ type: 'reveal', line }),
    compare: (currentId: string, baselineId: string) => vscode.postMessage({ type: 'compare', currentId, baselineId }),
  };
  // A new record (after a compare, or the next build) keeps a keyboard user on the same line.
  const focused = (document.activeElement as HTMLElement | null)?.closest?.('tr.step') as HTMLElement | null;
  render(root, panelModel(message.record, message.history, message.baselineId), actions);
  const table = root.querySelector<HTMLElement>('table.steps');
  if (!table) return;
  navigableRows(table, actions.reveal);
  const again = focused && table.querySelector<HTMLElement>(`tr.step[data-line="${Number(focused.dataset.line)}"]`);
  if (again) focusRow(table, again);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message) return;
  vscode.setState(message);
  show(message);
});

const saved = parseToWebview(vscode.getState());
if (saved) show(saved);
vscode.postMessage({ type: 'ready' });
