import { MINUTE, zoneOffsetMs } from '../time.ts';

/**
 * A standard five-field cron schedule, as the CronJob controller parses it (robfig/cron v3
 * ParseStandard): minute, hour, day of month, month, day of week; lists, ranges, steps, names
 * (JAN, MON) and the descriptors @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly.
 * Times are UTC (kube-controller-manager's zone when the CronJob names no timeZone), or the
 * wall clock of the CronJob's `timeZone` (nextFire's `zone`).
 */
export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** Day of month or day of week was `*` or `?`: both must match; otherwise either may. */
  domStar: boolean;
  dowStar: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Bounds { min: number; max: number; names?: Record<string, number> }
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

/** One field: the values it allows and whether it was a bare `*`/`?`; an error in robfig's words. */
function parseField(expr: string, b: Bounds): { values: Set<number>; star: boolean } | string {
  const values = new Set<number>();
  let star = false;
  const value = (text: string): number | string => {
    const named = b.names?.[text.toLowerCase()];
    if (named !== undefined) return named;
    if (!/^\d+$/.test(text)) return `failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`;
    return Number(text);
  };
  for (const part of expr.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) return `too many slashes: ${part}`;
    let start: number;
    let end: number;
    let rangeStar = false;
    if (range === '*' || range === '?') {
      [start, end, rangeStar] = [b.min, b.max, true];
    } else {
      const bounds = range.split('-');
      if (bounds.length > 2) return `too many hyphens: ${part}`;
      const lo = value(bounds[0]);
      if (typeof lo === 'string') return lo;
      const hi = bounds.length === 2 ? value(bounds[1]) : lo;
      if (typeof hi === 'string') return hi;
      [start, end] = [lo, hi];
      // "N/step" means "N-max/step".
      if (stepText !== undefined && bounds.length === 1) end = b.max;
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) return `failed to parse int from ${stepText}: strconv.Atoi: parsing "${stepText}": invalid syntax`;
      step = Number(stepText);
      if (step === 0) return `step of range should be a positive number: ${part}`;
      if (step > 1) rangeStar = false;
    }
    if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${part}`;
    if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${part}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${part}`;
    for (let v = start; v <= end; v += step) values.add(v);
    if (rangeStar) star = true;
  }
  return { values, star };
}

/** Parses a schedule; a string is the parser's error (the API server prints it after `spec.schedule: Invalid value: …`). */
export function parseCron(text: string): CronSchedule | string {
  const spec = text.trim();
  if (spec === '') return 'empty spec string';
  if (spec.startsWith('@')) {
    const expanded = DESCRIPTORS[spec.toLowerCase()];
    if (!expanded) return `unrecognized descriptor: ${spec}`;
    return parseCron(expanded);
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const parsed = fields.map((f, i) => parseField(f, FIELDS[i]));
  const bad = parsed.find((p): p is string => typeof p === 'string');
  if (bad) return bad;
  const [minute, hour, dom, month, dow] = parsed as { values: Set<number>; star: boolean }[];
  // Sunday may be written 7 in some crons; robfig's day-of-week range is 0-6, so 7 is refused above.
  return { minute: minute.values, hour: hour.values, dom: dom.values, month: month.values, dow: dow.values, domStar: dom.star, dowStar: dow.star };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.dom.has(d.getUTCDate());
  const dow = s.dow.has(d.getUTCDay());
  return s.domStar || s.dowStar ? dom && dow : dom || dow;
}

/** How far ahead the search gives up (robfig stops after five years): a schedule such as `0 0 30 2 *` never fires. */
const HORIZON_MS = 5 * 366 * 24 * 60 * MINUTE;

/**
 * The first moment strictly after `after` (ms) that the schedule fires, or Infinity when none
 * within five years (or the zone is unknown). With `zone` the fields are read on that zone's wall
 * clock, as robfig does in the CronJob's location: a time skipped by a DST change fires an hour
 * on (Go's time.Date normalisation), a repeated one once.
 */
export function nextFire(s: CronSchedule, after: number, zone?: string): number {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return nextFireUtc(s, after);
  const offset = (at: number) => zoneOffsetMs(zone, at);
  const first = offset(after);
  if (first === undefined) return Infinity;
  let wall = after + first;
  for (let guard = 0; guard < 8; guard++) {
    const w = nextFireUtc(s, wall);
    if (!Number.isFinite(w)) return Infinity;
    // The instant whose wall clock reads w, as Go's time.Date finds it: the offset in force at
    // w read as UTC, corrected by the offset at the instant that gives (a skipped time lands an hour on).
    const at = w - offset(w - offset(w)!)!;
    if (at > after) return at;
    wall = w; // the first pass of a repeated hour already fired: look past it
  }
  return Infinity;
}

function nextFireUtc(s: CronSchedule, after: number): number {
  const d = new Date(Math.floor(after / MINUTE) * MINUTE + MINUTE);
  const limit = after + HORIZON_MS;
  while (d.getTime() <= limit) {
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
  return Infinity;
}

/** The latest moment at or before `now` the schedule fires, searched in growing windows; undefined when none in five years. */
function previousFire(s: CronSchedule, now: number, zone?: string): number | undefined {
  for (const windowMs of [60 * MINUTE, 24 * 60 * MINUTE, 32 * 24 * 60 * MINUTE, HORIZON_MS]) {
    let last: number | undefined;
    for (let t = nextFire(s, now - windowMs, zone); t <= now; t = nextFire(s, t, zone)) last = t;
    if (last !== undefined) return last;
  }
  return undefined;
}

/**
 * The most recent moment in (after, now] the schedule fired and how many times it fired in that
 * span, counted up to 101 (the controller's mostRecentScheduleTime: only the latest missed run is
 * started, and more than 100 missed runs are reported); undefined when it did not fire.
 */
export function lastFireBetween(s: CronSchedule, after: number, now: number, zone?: string): { at: number; missed: number } | undefined {
  let missed = 0;
  let at: number | undefined;
  for (let t = nextFire(s, after, zone); t <= now; t = nextFire(s, t, zone)) {
    at = t;
    if (++missed > 100) return { at: previousFire(s, now, zone)!, missed };
  }
  return at === undefined ? undefined : { at, missed };
}
