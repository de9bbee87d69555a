// What writing a sheet from a plan (set-up, a Dashboard written again) could not do where the sheet is protected from
// the person: the cells the host refused and the settings it would not apply, gathered while the rest is done and
// named in the summary, never thrown as the host's own error.
import { columnLetter } from '../../shared/lists';
import { placeRef } from '../../shared/sheet-ref';
import { isErrorType } from '../../shared/typed-error';
import { ProtectedCellsError, ProtectedSettingsError, type SheetSetting } from '../port/protected-cells';
import type { Task } from './task';

export interface NotSetUp {
  sheet: string;
  /** Cells not written, by place. */
  cells: string[];
  settings: SheetSetting[];
}

/** Runs a step of writing `into.sheet` (its port call made inside, so a host that throws at once is caught too), adding to `into` what the host refused of it as protected. */
export function* aroundProtection(into: NotSetUp, step: () => Task<void>): Task<void> {
  try {
    yield* step();
  } catch (e) {
    if (isErrorType(e, ProtectedSettingsError)) into.settings.push(...e.settings.filter((s) => !into.settings.includes(s)));
    else if (isErrorType(e, ProtectedCellsError)) {
      // A write's refused cells; status colors refused by `extendRowRules`, which is given no dropdowns here.
      into.cells.push(...e.cells.map((c) => placeRef(into.sheet, c.row, columnLetter(c.column))));
      if (e.uncolored.length && !into.settings.includes('status colors')) into.settings.push('status colors');
    } else throw e;
  }
}

/** `A`, `A and B`, `A, B and C`. */
export const joinedNames = (names: readonly string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join(''));

/** What was left undone on a protected sheet, and what lets it be done: '' when nothing was. */
export function notSetUpSaid({ sheet, cells, settings }: NotSetUp, again: string): string {
  if (cells.length === 0 && settings.length === 0) return '';
  const parts = [
    ...(settings.length ? [`its ${joinedNames(settings)} ${settings.length > 1 || settings[0].endsWith('s') ? 'were' : 'was'} not set`] : []),
    ...(cells.length ? [`${cells.length} ${cells.length > 1 ? 'cells were' : 'cell was'} not written (${cells.slice(0, 5).join(', ')}${cells.length > 5 ? ` and ${cells.length - 5} more` : ''})`] : []),
  ];
  return `${sheet} is protected from you, so ${parts.join(' and ')}; ask the sheet's owner to let you edit it, then ${again}.`;
}
