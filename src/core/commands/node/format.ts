import { tabwrite as tabwriteRows } from '../../printers/table.ts';

/**
 * Formatting shared by the node tools: Go's text/tabwriter as crictl configures it, docker/go-units
 * durations and sizes, GNU human-readable sizes, and systemd's time spans.
 */

/** Rows aligned as crictl's tabwriter does: `NewWriter(w, 20, 1, 3, ' ', 0)`. */
export const tabwrite = (rows: string[][]): string => tabwriteRows(rows, 20, 3);

/**
 * docker/go-units `HumanDuration`: `Less than a second`, `1 second`, `N seconds`, `About a minute`,
 * `N minutes`, `About an hour`, `N hours` (rounded), `N days`, `N weeks`, `N months`, `N years`.
 */
export function goUnitsDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3600000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3600000 / 24 / 365)} years`;
}

/** docker/go-units `HumanSizeWithPrecision(size, precision)` (3 for image sizes, 4 for `HumanSize`): decimal units, `%.3g` (`72.8MB`, `322kB`). */
export function goUnitsSize(bytes: number, precision = 3): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${Number(v.toPrecision(precision))}${units[i]}`;
}

/**
 * GNU coreutils `human_readable` with `human_ceiling | human_autoscale | human_SI?`: one decimal
 * below 10, rounded up (`4.1G`, `25G`, `1023M`), suffixes K M G T P, no suffix below one unit.
 */
export function gnuHuman(bytes: number, base: 1024 | 1000 = 1024): string {
  if (bytes < base) return String(Math.ceil(bytes));
  const suffix = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let exp = 0;
  let v = bytes;
  while (v >= base && exp < suffix.length - 1) { v /= base; exp++; }
  if (v < 10) {
    const r = Math.ceil(v * 10 - 1e-9) / 10;
    if (r < 10) return `${r.toFixed(1)}${suffix[exp]}`;
    v = r;
  }
  let n = Math.ceil(v - 1e-9);
  if (n >= base && exp < suffix.length - 1) return `1.0${suffix[exp + 1]}`;
  return `${n}${suffix[exp]}`;
}

/** Right- or left-aligned columns separated by one space, as coreutils df and procps print them. */
export function alignColumns(rows: string[][], right: boolean[], minWidths: number[] = []): string {
  const widths = rows[0].map((_, i) => Math.max(minWidths[i] ?? 0, ...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => {
    if (i === r.length - 1 && !right[i]) return c;
    return right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]);
  }).join(' ') + '\n').join('');
}

/**
 * systemd `format_timestamp_relative`: `3h 17min ago`, `2 days ago`, `1 day 4h ago`,
 * `1 week 2 days ago`, `45s ago`.
 */
export function systemdRelative(ms: number): string {
  const s = Math.floor(ms / 1000);
  const MIN = 60, H = 3600, D = 86400, W = 7 * D, MON = 2629800, Y = 31557600;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (s >= Y) return `${plural(Math.floor(s / Y), 'year')} ${plural(Math.floor((s % Y) / MON), 'month')} ago`;
  if (s >= MON) return `${plural(Math.floor(s / MON), 'month')} ${plural(Math.floor((s % MON) / D), 'day')} ago`;
  if (s >= W) {
    const d = Math.floor((s % W) / D);
    return d > 0 ? `${plural(Math.floor(s / W), 'week')} ${plural(d, 'day')} ago` : `${plural(Math.floor(s / W), 'week')} ago`;
  }
  if (s >= 2 * D) return `${Math.floor(s / D)} days ago`;
  if (s >= 25 * H) return `1 day ${Math.floor((s - D) / H)}h ago`;
  if (s >= 6 * H) return `${Math.floor(s / H)}h ago`;
  if (s >= H) return `${Math.floor(s / H)}h ${Math.floor((s % H) / MIN)}min ago`;
  if (s >= 5 * MIN) return `${Math.floor(s / MIN)}min ago`;
  if (s >= MIN) return `${Math.floor(s / MIN)}min ${s % MIN}s ago`;
  if (s >= 1) return `${s}s ago`;
  return ms > 0 ? `${ms}ms ago` : 'now';
}

/** systemd `format_timespan` at millisecond accuracy, as `CPU:` prints it: `12min 3.456s`, `856ms`, `1h 2min 3.004s`. */
export function systemdTimespan(ms: number): string {
  const total = Math.round(ms);
  if (total < 1000) return `${total}ms`;
  const parts: string[] = [];
  let rest = total;
  const h = Math.floor(rest / 3600000); rest -= h * 3600000;
  const m = Math.floor(rest / 60000); rest -= m * 60000;
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}min`);
  if (rest) {
    const sec = Math.floor(rest / 1000), frac = rest % 1000;
    parts.push(frac ? `${sec}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s` : `${sec}s`);
  }
  return parts.join(' ');
}

/** systemd `format_bytes`: powers of 1024, one truncated decimal: `62.3M`, `1.2G`, `812.0K`, `512B`. */
export function systemdBytes(bytes: number): string {
  const units: [string, number][] = [['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 1024]];
  for (let i = 0; i < units.length; i++) {
    const [u, f] = units[i];
    if (bytes < f) continue;
    // The decimal as format_bytes_full computes it: from the next smaller unit's whole count.
    const tenth = i < units.length - 1 ? Math.floor((Math.floor(bytes / units[i + 1][1]) * 10) / 1024) % 10 : Math.floor((bytes * 10) / f) % 10;
    return `${Math.floor(bytes / f)}.${tenth}${u}`;
  }
  return `${bytes}B`;
}
