/**
 * Keyboard use of the step table: one row is in the tab order at a time (a roving tabindex), the
 * arrow keys, Home and End move it, and Enter or Space (or a click) opens the row's line.
 */

const KEYS_THAT_MOVE: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, n) => n - 1,
  PageDown: (i, n) => Math.min(n - 1, i + 10),
  PageUp: (i) => Math.max(0, i - 10),
};

function stepRows(table: HTMLElement): HTMLElement[] {
  return Array.from(table.querySelectorAll<HTMLElement>('tr.step'));
}

/** Moves the focus (and the one tab stop) of the table to `row`. */
export function focusRow(table: HTMLElement, row: HTMLElement): void {
  for (const other of stepRows(table)) other.tabIndex = other === row ? 0 : -1;
  row.focus();
}

/** Makes the `tr.step` rows of `table` a keyboard-navigable list that opens lines with `open(line)`. */
export function navigableRows(table: HTMLElement, open: (line: number) => void): void {
  const rows = () => stepRows(table);
  const lineOf = (row: HTMLElement) => Number(row.dataset.line);

  const all = rows();
  const start = all.find((row) => row.classList.contains('first-cause')) ?? all[0];
  if (start) start.tabIndex = 0;

  table.addEventListener('keydown', (event) => {
    const row = (event.target as HTMLElement).closest?.('tr.step') as HTMLElement | null;
    if (!row) return;
    const move = KEYS_THAT_MOVE[event.key];
    if (move) {
      const list = rows();
      const next = list[move(list.indexOf(row), list.length)];
      if (next) focusRow(table, next);
      event.preventDefault();
    } else if (event.key === 'Enter' || event.key === ' ') {
      open(lineOf(row));
      event.preventDefault();
    }
  });
  table.addEventListener('click', (event) => {
    const row = (event.target as HTMLElement).closest?.('tr.step') as HTMLElement | null;
    if (!row) return;
    focusRow(table, row);
    open(lineOf(row));
  });
}
