/**
 * Time helpers for the virtual clock. Every time in the core is a number of milliseconds since the
 * Unix epoch (UTC), handed in by the caller; nothing here reads the wall clock.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };

/**
 * Parses a Go-style duration such as `30s`, `1m30s`, `2h`, `3d` or `250ms` into milliseconds.
 * A bare number counts as seconds (as `sleep 5` and kubectl's `--timeout=5` do).
 * Returns `undefined` for anything else, so callers can print their tool's own error.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * SECOND);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    matched = re.lastIndex;
  }
  return matched === s.length && matched > 0 ? Math.round(total) : undefined;
}

/**
 * Kubernetes' `duration.HumanDuration` (apimachinery/pkg/util/duration), as `kubectl get` prints
 * the AGE column: `41s`, `4m13s`, `52m`, `3h12m`, `6d2h`, `100d`, `2y30d`; `<invalid>` when the
 * duration is negative by more than a second.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/**
 * Go's `time.Duration.String()`, as kubelet prints back-off delays and kubectl its timeouts:
 * `10s`, `1m20s`, `5m0s`, `1h0m0s`, `500ms`, `1.5s`, `0s`.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < SECOND) return `${ms}ms`;
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = (ms % MINUTE) / SECOND;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The calendar day holding `ms` (UTC), formatted once per day: the clock stamps thousands of log
 * lines a simulated day, and `Date` plus a format string per line cost most of a long clock move.
 */
interface DayParts { day: number; ymd: string; mmdd: string; mon: string }
let lastDay: DayParts = { day: NaN, ymd: '', mmdd: '', mon: '' };
function dayOf(ms: number): DayParts {
  const day = Math.floor(ms / DAY);
  if (day !== lastDay.day) {
    const d = new Date(day * DAY);
    const mm = pad(d.getUTCMonth() + 1);
    const dd = pad(d.getUTCDate());
    lastDay = { day, ymd: `${d.getUTCFullYear()}-${mm}-${dd}`, mmdd: `${mm}${dd}`, mon: `${MONTHS[d.getUTCMonth()]} ${dd}` };
  }
  return lastDay;
}

/** Years 1970-9999, where the fast formatters below print what `Date` would (no sign, four digits). */
const plainYear = (ms: number) => ms >= 0 && ms < 253_402_300_800_000;

/** `HH:MM:SS` of `ms` (UTC), from the time of day alone. */
function timeOfDay(ms: number): string {
  const s = Math.floor((ms - Math.floor(ms / DAY) * DAY) / SECOND);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** RFC 3339 in UTC without fractions, as the API server stores timestamps: `2024-06-12T09:51:56Z`. */
export function rfc3339(ms: number): string {
  // The clock stamps many objects at one moment: the last second formatted is kept.
  const second = Math.floor(ms / SECOND);
  if (second !== lastSecond) {
    lastStamp = plainYear(ms) ? `${dayOf(ms).ymd}T${timeOfDay(ms)}Z` : new Date(second * SECOND).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastStamp;
}
let lastSecond = NaN;
let lastStamp = '';

/** Parses an RFC 3339 timestamp to ms; `undefined` when absent or malformed. */
export function parseTimestamp(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  // A listing of ten thousand pods reads the same stamps at every call: parsed once each.
  let ms = parsedStamps.get(text);
  if (ms === undefined) {
    if (parsedStamps.size >= 50_000) parsedStamps.clear();
    parsedStamps.set(text, (ms = Date.parse(text)));
  }
  return Number.isNaN(ms) ? undefined : ms;
}
const parsedStamps = new Map<string, number>();

const p2 = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/**
 * strftime(3) in UTC, the zone of every simulated machine: %Y %y %m %d %e %H %M %S %s %N %F %T %Z
 * %z %a %A %b %h %j %n %t %%; any other directive stays as typed (as `date` leaves it). The one
 * formatter of calendar times: every stamp below and every tool's date column is a format here.
 */
export function strftime(fmt: string, ms: number): string {
  // A switch, not a table of closures: kubelet's log stamps call this for every journal line.
  const d = new Date(ms);
  return fmt.replace(/%(.)/g, (all, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return p2(d.getUTCDate(), 2, ' ');
      case 'H': return p2(d.getUTCHours());
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 's': return String(Math.floor(ms / 1000));
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'a': return DAYS[d.getUTCDay()];
      case 'A': return LONG_DAYS[d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'N': return p2((ms % 1000) * 1e6, 9);
      case 'j': return p2(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3);
      case 'y': return p2(d.getUTCFullYear() % 100);
      case '%': return '%';
      case 'n': return '\n';
      case 't': return '\t';
      default: return all;
    }
  });
}
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** RFC 1123 with a numeric zone, as `kubectl describe` prints dates: `Wed, 12 Jun 2024 09:51:56 +0000`. */
export const rfc1123z = (ms: number): string => strftime('%a, %d %b %Y %T %z', ms);

/** journald's short format timestamp: `Jun 12 10:27:21`. */
export const journalStamp = (ms: number): string => (plainYear(ms) ? `${dayOf(ms).mon} ${timeOfDay(ms)}` : strftime('%b %d %T', ms));

/** klog's header timestamp after the severity letter: `0612 10:27:21.123456`. */
export function klogStamp(ms: number): string {
  // Every kubelet, API server and etcd log line has one: the second's part is formatted once.
  const second = Math.floor(ms / SECOND);
  if (second !== klogSecond) {
    klogSecondStamp = plainYear(ms) ? `${dayOf(ms).mmdd} ${timeOfDay(ms)}` : strftime('%m%d %T', ms);
    klogSecond = second;
  }
  return `${klogSecondStamp}.${(plainYear(ms) ? pad(Math.trunc(ms) % SECOND, 3) : pad(new Date(ms).getUTCMilliseconds(), 3))}${pad((ms * 7) % 1000, 3)}`;
}
let klogSecond = NaN;
let klogSecondStamp = '';

/** `dmesg -T` / `date` style: `Wed Jun 12 10:27:21 2024`. */
export const ctime = (ms: number): string => strftime('%a %b %e %T %Y', ms);

/** `HH:MM:SS` in UTC. */
export const clock = (d: Date): string => strftime('%T', d.getTime());


/**
 * IANA time zones (`Europe/Berlin`), for CronJob `spec.timeZone`. Offsets come from the runtime's
 * ICU time zone data through Intl with a fixed locale and an explicit zone, never the host's own
 * zone, so the same instant and zone give the same answer everywhere the app runs.
 */
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();
function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  let f = zoneFormats.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      f = null; // RangeError: not a zone the tz database knows
    }
    zoneFormats.set(zone, f);
  }
  return f;
}

/** Whether `zone` names a time zone of the tz database (`Local` is refused, as the API server does). */
export const isTimeZone = (zone: string): boolean => zone !== 'Local' && zone.trim() === zone && zone !== '' && zoneFormat(zone) !== null;

/** The zone's offset from UTC at the instant `at` (ms; +3600000 for CET), or undefined for an unknown zone. */
export function zoneOffsetMs(zone: string, at: number): number | undefined {
  const f = zoneFormat(zone);
  if (!f) return undefined;
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at / SECOND) * SECOND;
}
