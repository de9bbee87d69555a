// Shared formulas: a column whose rows hold the same formula shifted by row (every derived status
// column) is written once per run of rows, as spreadsheet applications write it themselves. A
// 600-character formula on 200,000 rows is 120 MB of XML; shared, it is written once per 100-row block.
import { escapeXml } from './xml-text';

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters that make a letter or digit part of a longer name (`LOG10`, `Sheet1!`, `1E5`). */
const isNameChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 /* _ */ || c === 46 /* . */;

/** A formula cut at its relative row numbers: `pieces[0]`, row + `offsets[0]`, `pieces[1]`, ... */
export interface RowTemplate {
  pieces: string[];
  offsets: number[];
}

/**
 * The formula of a cell on `row` as a template over rows (`IF(A7>0,...)` on row 7 → `IF(A`, +0,
 * `>0,...)`), or undefined for formulas we do not share (whole-row ranges such as `2:5`, unbalanced
 * quotes).
 *
 * Sharing shifts every relative reference, so a reference this scanner missed would be shifted
 * wrongly; it therefore errs the other way: anything shaped like a reference (either case) counts as
 * one, which at worst keeps two cells from sharing.
 */
export function rowTemplate(formula: string, row: number): RowTemplate | undefined {
  const f = formula;
  const n = f.length;
  const pieces: string[] = [];
  const offsets: number[] = [];
  let from = 0;
  let i = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    if (c === 34 || c === 39) {
      // A "string" or a 'quoted sheet' name, with doubled quotes inside: nothing in it shifts.
      let j = i + 1;
      for (;;) {
        j = f.indexOf(c === 34 ? '"' : "'", j);
        if (j < 0) return undefined;
        if (f.charCodeAt(j + 1) !== c) break;
        j += 2;
      }
      i = j + 1;
      continue;
    }
    const before = i > 0 ? f.charCodeAt(i - 1) : 0;
    if (isNameChar(before) || before === 36 /* $ */) {
      i++;
      continue;
    }
    let j = i;
    if (f.charCodeAt(j) === 36) j++;
    const letters = j;
    while (j < n && isLetter(f.charCodeAt(j))) j++;
    if (j === letters) {
      // `2:5` or `$2:$5`: whole rows, which shift too.
      let k = j;
      while (k < n && isDigit(f.charCodeAt(k))) k++;
      if (k > j && f.charCodeAt(k) === 58 /* : */) return undefined;
      i = Math.max(k, i + 1);
      continue;
    }
    if (j - letters > 3) {
      i = j;
      continue;
    }
    let absolute = false;
    if (f.charCodeAt(j) === 36) {
      absolute = true;
      j++;
    }
    const digits = j;
    while (j < n && isDigit(f.charCodeAt(j))) j++;
    const after = j < n ? f.charCodeAt(j) : 0;
    if (j === digits || isNameChar(after) || after === 40 /* ( */ || after === 33 /* ! */) {
      i = j;
      continue;
    }
    if (!absolute) {
      pieces.push(f.slice(from, digits));
      offsets.push(Number(f.slice(digits, j)) - row);
      from = j;
    }
    i = j;
  }
  pieces.push(f.slice(from));
  return { pieces, offsets };
}

/** The template's formula on `row`. Building it and comparing with `===` measured faster than comparing in place. */
export function expandTemplate(t: RowTemplate, row: number): string {
  let f = t.pieces[0];
  for (let k = 0; k < t.offsets.length; k++) f += `${row + t.offsets[k]}${t.pieces[k + 1]}`;
  return f;
}

interface Run { template: RowTemplate; letter: string; first: number; last: number; si?: number; slot: number }

/**
 * XML being built: `text` grows by concatenation (cheap ropes); a master cell closes it into `parts`
 * and leaves an empty slot for its `t="shared"` attributes, filled once the run's extent is known.
 */
export interface XmlOut {
  text: string;
  parts: string[];
}

/** The runs of one sheet's rows, ended (and their masters' slots filled) block by block. */
export class SharedFormulas {
  private readonly runs: (Run | undefined)[] = [];
  private readonly started: Run[] = [];
  private nextSi = 0;

  /** Appends the `<f>` element of a formula cell at column index `col` (letter `letter`) on `row`. */
  formula(out: XmlOut, col: number, letter: string, row: number, formula: string): void {
    // Following rows are compared with the run's template: only a run's first cell is scanned.
    const run = this.runs[col];
    if (run && run.last === row - 1 && expandTemplate(run.template, row) === formula) {
      run.last = row;
      run.si ??= this.nextSi++;
      out.text += `<f t="shared" si="${run.si}"/>`;
      return;
    }
    const template = rowTemplate(formula, row);
    if (!template) {
      this.runs[col] = undefined;
      out.text += `<f>${escapeXml(formula)}</f>`;
      return;
    }
    out.parts.push(`${out.text}<f`);
    const started: Run = { template, letter, first: row, last: row, slot: out.parts.push('') - 1 };
    out.text = `>${escapeXml(formula)}</f>`;
    this.runs[col] = started;
    this.started.push(started);
  }

  /** Ends every run: each master cell gets its range, or stays a plain formula when nothing followed it. */
  resolve(out: XmlOut): string {
    const { parts } = out;
    parts.push(out.text);
    for (const run of this.started) {
      if (run.si !== undefined) parts[run.slot] = ` t="shared" ref="${run.letter}${run.first}:${run.letter}${run.last}" si="${run.si}"`;
    }
    this.started.length = 0;
    this.runs.length = 0;
    const xml = parts.join('');
    out.text = '';
    out.parts = [];
    return xml;
  }
}
