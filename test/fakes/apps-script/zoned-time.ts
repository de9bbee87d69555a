// Wall-clock fields of an instant in a named time zone, and Java SimpleDateFormat patterns as used by
// Utilities.formatDate (Apps Script's date formatting is Java's, not Sheets' number formats).

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number; // local minus UTC
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    try {
      formatters.set(
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        }),
      );
    } catch {
      formatters.set(timeZone, null);
    }
  }
  return formatters.get(timeZone) ?? null;
}

/** Java accepts "GMT+2", "GMT-05:30" and "UTC" besides IANA names; an unknown zone means GMT, as in Java. */
function fixedOffsetMinutes(timeZone: string): number | null {
  const match = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(timeZone);
  if (!match) return formatterFor(timeZone) ? null : 0;
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const fixed = fixedOffsetMinutes(timeZone);
  let offsetMinutes: number;
  if (fixed !== null) {
    offsetMinutes = fixed;
  } else {
    const fields: Record<string, number> = {};
    for (const part of formatterFor(timeZone)!.formatToParts(new Date(instant))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    offsetMinutes = Math.round((wall - (instant - (((instant % 1000) + 1000) % 1000))) / 60_000);
  }
  const local = new Date(instant + offsetMinutes * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
    offsetMinutes,
  };
}

/** The instant at which the wall clock in `timeZone` reads the given local date and time. */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes settle the offset on either side of a daylight-saving change.
  let guess = wall - zonedParts(wall, timeZone).offsetMinutes * 60_000;
  guess = wall - zonedParts(guess, timeZone).offsetMinutes * 60_000;
  return guess;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(minutes: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (style !== 'Z' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X') return `${sign}${h}`;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

function zoneName(instant: number, timeZone: string, offsetMinutes: number): string {
  if (fixedOffsetMinutes(timeZone) !== null) {
    return offsetMinutes === 0 ? 'GMT' : `GMT${offsetText(offsetMinutes, 'XXX')}`;
  }
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(instant);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
}

function field(letter: string, width: number, p: ZonedParts, instant: number, timeZone: string): string {
  switch (letter) {
    case 'y':
      return width === 2 ? pad(p.year % 100, 2) : pad(p.year, width);
    case 'M':
    case 'L':
      if (width >= 4) return monthNames[p.month - 1];
      if (width === 3) return monthNames[p.month - 1].slice(0, 3);
      return pad(p.month, width);
    case 'd':
      return pad(p.day, width);
    case 'E':
      return width >= 4 ? dayNames[p.weekday] : dayNames[p.weekday].slice(0, 3);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, width);
    case 'H':
      return pad(p.hour, width);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, width);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, width);
    case 'K':
      return pad(p.hour % 12, width);
    case 'm':
      return pad(p.minute, width);
    case 's':
      return pad(p.second, width);
    case 'S':
      return pad(p.millisecond, Math.max(width, 3)).slice(0, Math.max(width, 3));
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'z':
      return zoneName(instant, timeZone, p.offsetMinutes);
    case 'Z':
      return offsetText(p.offsetMinutes, 'Z');
    case 'X':
      return offsetText(p.offsetMinutes, width === 1 ? 'X' : width === 2 ? 'XX' : 'XXX');
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** Formats like java.text.SimpleDateFormat: letters are fields, '...' quotes literal text, '' is a quote. */
export function formatJavaDate(instant: number, timeZone: string, pattern: string): string {
  const parts = zonedParts(instant, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      i++;
      if (pattern[i] === "'") {
        out += "'";
        i++;
        continue;
      }
      while (i < pattern.length) {
        if (pattern[i] === "'" && pattern[i + 1] === "'") {
          out += "'";
          i += 2;
        } else if (pattern[i] === "'") {
          i++;
          break;
        } else {
          out += pattern[i++];
        }
      }
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let width = 1;
      while (pattern[i + width] === ch) width++;
      out += field(ch, width, parts, instant, timeZone);
      i += width;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
