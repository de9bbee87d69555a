// Renders a cell value as Sheets shows it (getDisplayValues) for the number formats templates use:
// dates ("yyyy-mm-dd", "M/d/yyyy", "mmm d"), numbers ("0", "0.00", "#,##0", "0%") and plain text ("@").
import { isDate } from './realm.js';
import { zonedParts, type ZonedParts } from './zoned-time.js';

/** What getNumberFormat() returns for a cell whose format was never set ("Automatic"). */
export const AUTOMATIC_FORMAT = '0.###############';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; width: number };

function tokenize(format: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const close = end < 0 ? format.length : end;
      tokens.push({ kind: 'literal', text: format.slice(i + 1, close) });
      i = close + 1;
    } else if (ch === '\\') {
      tokens.push({ kind: 'literal', text: format[i + 1] ?? '' });
      i += 2;
    } else if (/^am\/pm/i.test(format.slice(i))) {
      tokens.push({ kind: 'field', letter: 'ampm', width: 5 });
      i += 5;
    } else if (/[ymdhs]/i.test(ch)) {
      let width = 1;
      while (format[i + width]?.toLowerCase() === ch.toLowerCase()) width++;
      tokens.push({ kind: 'field', letter: ch.toLowerCase(), width });
      i += width;
    } else {
      tokens.push({ kind: 'literal', text: ch });
      i++;
    }
  }
  return tokens;
}

function isDateFormat(format: string): boolean {
  return tokenize(format).some((t) => t.kind === 'field');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function renderDate(parts: ZonedParts, format: string): string {
  const tokens = tokenize(format);
  const twelveHour = tokens.some((t) => t.kind === 'field' && t.letter === 'ampm');
  const fields = tokens.filter((t): t is Extract<Token, { kind: 'field' }> => t.kind === 'field');
  return tokens
    .map((token) => {
      if (token.kind === 'literal') return token.text;
      const { letter, width } = token;
      const index = fields.indexOf(token);
      switch (letter) {
        case 'y':
          return width <= 2 ? pad(parts.year % 100, 2) : String(parts.year);
        case 'd':
          if (width >= 4) return dayNames[parts.weekday];
          if (width === 3) return dayNames[parts.weekday].slice(0, 3);
          return pad(parts.day, width);
        case 'h': {
          const hour = twelveHour ? parts.hour % 12 || 12 : parts.hour;
          return pad(hour, width);
        }
        case 's':
          return pad(parts.second, width);
        case 'ampm':
          return parts.hour < 12 ? 'AM' : 'PM';
        default: {
          // "m" means minutes right after an hour field or right before a seconds field, as in Sheets.
          const minutes = fields[index - 1]?.letter === 'h' || fields[index + 1]?.letter === 's';
          if (minutes) return pad(parts.minute, width);
          if (width >= 4) return monthNames[parts.month - 1];
          if (width === 3) return monthNames[parts.month - 1].slice(0, 3);
          return pad(parts.month, width);
        }
      }
    })
    .join('');
}

function renderNumber(value: number, format: string): string {
  const percent = format.endsWith('%');
  const body = percent ? format.slice(0, -1) : format;
  const n = percent ? value * 100 : value;
  const decimals = /\.(0+)/.exec(body)?.[1].length ?? 0;
  const fixed = Math.abs(n).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = body.includes(',') ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}${percent ? '%' : ''}`;
}

function automaticNumber(value: number): string {
  return String(Number(value.toPrecision(15)));
}

export function displayValue(value: unknown, format: string, timeZone: string): string {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (isDate(value)) {
    const parts = zonedParts(value.getTime(), timeZone);
    if (format !== AUTOMATIC_FORMAT && isDateFormat(format)) return renderDate(parts, format);
    const midnight = parts.hour === 0 && parts.minute === 0 && parts.second === 0;
    return renderDate(parts, midnight ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss');
  }
  if (typeof value === 'number') {
    if (format === AUTOMATIC_FORMAT || format === '@' || isDateFormat(format) || !/[0#]/.test(format)) {
      return automaticNumber(value);
    }
    return renderNumber(value, format);
  }
  return String(value);
}
