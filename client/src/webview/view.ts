/**
 * Renders the panel model into the page: the summary, the step table grouped by stage, the largest
 * layers and the builds to compare. Everything from the record goes in as text (see dom.ts).
 *
 * Plain elements, not @vscode-elements/elements: the parts we would use (table, button, select,
 * badge) add ~108 kB minified (Lit included) to a ~12 kB script, its table has no keyboard
 * navigation of rows (we would write ours anyway), and its shadow DOM hides the rows from the
 * browser test's DOM reading. Native table, button and select carry their roles for screen
 * readers, and media/layers.css takes the same theme variables the components use.
 */
import { type Child, bar, h } from './dom';
import type { CauseView, PanelModel, StageGroup, StepRow } from './model';

/** What the rendered page asks of its host. */
export interface ViewActions {
  reveal(line: number): void;
  compare(currentId: string, baselineId: string): void;
}

const STEP_COLUMNS = ['Line', 'Instruction', 'Cache', 'Time', 'Size', 'Cause'];

function lineText(row: { line: number; endLine: number }): string {
  return row.endLine > row.line ? `${row.line}-${row.endLine}` : String(row.line);
}

function summary(model: PanelModel, actions: ViewActions): HTMLElement {
  const facts = h('dl', { class: 'facts' }, ...model.facts.map((fact) => h('div', { class: 'fact' }, h('dt', {}, fact.label), h('dd', {}, fact.value))));
  const ratio = model.hitRatio === null ? null : h('div', { class: 'ratio' }, bar(model.hitRatio, `Cache hits: ${Math.round(model.hitRatio * 100)}%`, 'ratio'));
  const jump = (line: number, text: string) => {
    const button = h('button', { type: 'button', class: 'link' }, text);
    button.addEventListener('click', () => actions.reveal(line));
    return button;
  };
  const failure = model.failure && h('p', { class: 'failure', role: 'alert' },
    h('strong', {}, 'Build failed'), ` at line ${model.failure.line}: `, h('span', { class: 'message' }, model.failure.message), ' ', jump(model.failure.line, 'Go to line'));
  const cause = model.firstCause && h('p', { class: 'first-cause-summary' },
    h('strong', {}, 'Why it rebuilt: '), `line ${model.firstCause.line}, ${model.firstCause.label}. `, h('span', { class: 'detail' }, model.firstCause.detail), ' ',
    jump(model.firstCause.line, `Go to line ${model.firstCause.line}`));
  return h('header', { class: 'summary' }, h('h1', {}, 'Layer cache: ', h('span', { class: 'file' }, model.title)), facts, ratio, failure, cause);
}

function causeCell(cause: CauseView | null): HTMLElement {
  if (!cause) return h('td', { class: 'cause' });
  const files = cause.files.length > 0
    ? h('ul', { class: 'files', 'aria-label': 'Changed files' }, ...cause.files.map((file) => h('li', {}, h('code', {}, file))), cause.moreFiles > 0 && h('li', { class: 'more' }, `and ${cause.moreFiles} more`))
    : null;
  return h('td', { class: `cause${cause.root ? ' root' : ''}${cause.first ? ' first' : ''}` },
    cause.first && h('span', { class: 'badge first-badge' }, 'first cause'),
    cause.first && ' ',
    h('span', { class: 'cause-label' }, cause.label),
    cause.causeLine !== null && h('span', { class: 'cause-line' }, ` (line ${cause.causeLine})`),
    h('div', { class: 'cause-detail' }, cause.detail),
    files);
}

function stepRow(row: StepRow): HTMLTableRowElement {
  const time = row.durationFraction === null ? [] : [bar(row.durationFraction, `${row.durationText}, ${Math.round(row.durationFraction * 100)}% of the longest step`, 'time')];
  const size: Child[] = row.noLayer !== null
    ? [h('span', { class: 'no-layer' }, row.noLayer)]
    : row.sizeFraction === null ? [] : [bar(row.sizeFraction, `${row.sizeText}, ${Math.round(row.sizeFraction * 100)}% of the largest layer`, 'size')];
  const tr = h('tr', { class: `step state-${row.state}${row.cause?.first ? ' first-cause' : ''}`, tabindex: -1, 'data-line': row.line },
    h('td', { class: 'line' }, lineText(row)),
    h('td', { class: 'instruction' }, h('code', {}, row.instruction), row.rebuildsWhen && h('div', { class: 'rebuilds' }, row.rebuildsWhen),
      row.error && h('div', { class: 'error' }, row.error)),
    h('td', { class: 'state' }, h('span', { class: `badge state-badge state-${row.state}` }, row.stateText)),
    h('td', { class: 'time' }, ...time, h('span', { class: 'value' }, row.durationText)),
    h('td', { class: 'size' }, ...size, row.noLayer === null ? h('span', { class: 'value' }, row.sizeText) : null),
    causeCell(row.cause));
  return tr;
}

function stageBody(group: StageGroup): HTMLTableSectionElement {
  const heading = h('tr', { class: 'stage-row' }, h('th', { colspan: STEP_COLUMNS.length, scope: 'rowgroup' },
    `Stage ${group.name}`, !group.inImage && h('span', { class: 'stage-note' }, ' · not in the image, adds no layer')));
  return h('tbody', { class: 'stage' }, heading, ...group.rows.map(stepRow));
}

function stepsSection(model: PanelModel): HTMLElement {
  const table = h('table', { class: 'steps', 'aria-labelledby': 'steps-title', 'aria-describedby': 'steps-help' },
    h('thead', {}, h('tr', {}, ...STEP_COLUMNS.map((name) => h('th', { scope: 'col' }, name)))),
    ...model.stages.map(stageBody));
  return h('section', { class: 'steps-section', 'aria-labelledby': 'steps-title' },
    h('h2', { id: 'steps-title' }, 'Steps'),
    h('p', { id: 'steps-help', class: 'help' }, 'Up and Down move between steps; Enter or Space opens the line in the editor.'),
    h('div', { class: 'table-scroll' }, table));
}

function largestSection(model: PanelModel, actions: ViewActions): HTMLElement | null {
  if (model.largest.length === 0) return null;
  const items = model.largest.map((layer) => {
    const button = h('button', { type: 'button', class: 'layer-link' }, h('span', { class: 'line' }, `line ${layer.line}`), ' ', h('code', {}, layer.instruction));
    button.addEventListener('click', () => actions.reveal(layer.line));
    return h('li', {}, button, bar(layer.fraction, `${layer.sizeText}, ${Math.round(layer.fraction * 100)}% of the largest layer`, 'size'), h('span', { class: 'value' }, layer.sizeText));
  });
  return h('section', { class: 'largest', 'aria-labelledby': 'largest-title' }, h('h2', { id: 'largest-title' }, 'Largest layers'), h('ol', {}, ...items));
}

function buildsSection(model: PanelModel, actions: ViewActions): HTMLElement {
  const table = h('table', { class: 'builds', 'aria-labelledby': 'builds-title' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Started'), h('th', { scope: 'col' }, 'Cache hits'), h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col' }, ''))),
    h('tbody', {}, ...model.builds.map((build) => h('tr', { class: build.id === model.currentId ? 'current' : build.id === model.baselineId ? 'baseline' : null },
      h('td', {}, build.label), h('td', {}, build.ratioText), h('td', {}, build.durationText),
      h('td', {}, build.id === model.currentId ? 'shown' : build.id === model.baselineId ? 'compared with' : '')))));
  const picker = (id: string, label: string, selected: string | null) => {
    const select = h('select', { id }, ...model.builds.map((build) => h('option', { value: build.id, selected: build.id === selected }, `${build.label} (${build.ratioText} cached, ${build.durationText})`)));
    return [h('label', { for: id }, label), select] as const;
  };
  const [currentLabel, current] = picker('compare-current', 'Build', model.currentId);
  const [baselineLabel, baseline] = picker('compare-baseline', 'compared with', model.baselineId ?? model.builds.find((b) => b.id !== model.currentId)?.id ?? null);
  const button = h('button', { type: 'button', id: 'compare-button' }, 'Compare');
  const sync = () => {
    button.disabled = model.builds.length < 2 || current.value === baseline.value;
  };
  current.addEventListener('change', sync);
  baseline.addEventListener('change', sync);
  button.addEventListener('click', () => actions.compare(current.value, baseline.value));
  sync();
  const form = h('div', { class: 'compare', role: 'group', 'aria-label': 'Compare two builds' }, currentLabel, current, baselineLabel, baseline, button);
  return h('section', { class: 'history', 'aria-labelledby': 'builds-title' }, h('h2', { id: 'builds-title' }, 'Last builds'), table,
    model.builds.length < 2 ? h('p', { class: 'help' }, 'Build again to compare two builds.') : form);
}

/** Replaces the content of `root` with the panel for `model`. */
export function render(root: HTMLElement, model: PanelModel, actions: ViewActions): void {
  root.replaceChildren(summary(model, actions), stepsSection(model), ...[largestSection(model, actions)].filter((n) => n !== null), buildsSection(model, actions));
  root.removeAttribute('aria-busy');
}
