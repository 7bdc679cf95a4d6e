/**
 * The journal as readers see it: records the simulation keeps compact (klog lines unformatted, a
 * periodic line as one record, model/host.ts JournalEntry) rendered line by line, in the order
 * they were stored. A long clock move appends thousands of identical-but-for-time lines per
 * container (probe failures every 10 s); storing them this way keeps a 72-hour idle cheap, and
 * reading them gives byte for byte what storing every formatted line gave.
 */
import type { Host, JournalEntry, JournalLine } from '../model/host.ts';
import { klogStamp } from '../time.ts';

/** klog's line: `E0612 10:27:21.123456    1869 file.go:123] msg` (pid right-aligned in 7). */
export function klogLine(severity: string, at: number, pid: number, where: string, msg: string): string {
  return `${severity}${klogStamp(at)} ${String(pid).padStart(7, ' ')} ${where}] ${msg}`;
}

/** The text of one stored line of `e` at `at` (its own time, for a repeated record). */
function messageAt(e: JournalEntry, at: number): string {
  if (e.message !== undefined) return e.message;
  const k = e.klog!;
  return klogLine(k.severity, at, e.pid ?? 0, k.where, k.msg);
}

/**
 * Lines already rendered from frozen records, by the record's `klog` (or the record itself when it
 * has none): a repeated record that grew is a new object sharing its predecessor's `klog`, so only
 * its new lines are rendered. Reading the journal at every clock move would otherwise re-render
 * every line, and the lines would be new objects each time (journalctl caches its formatting by line).
 */
const renderedLines = new WeakMap<object, { from: JournalEntry; lines: JournalLine[] }>();

/** The first `count` lines of record `e` (count: its repeat count, else 1), rendered once per frozen record series. */
function recordLines(e: JournalEntry, count: number): readonly JournalLine[] {
  const key = e.klog ?? e;
  let hit = renderedLines.get(key);
  // The very record (the usual case), or the same series grown: frozen, same start, period and fields.
  if (hit && hit.from !== e && !(Object.isFrozen(e) && hit.from.at === e.at && hit.from.repeat?.every === e.repeat?.every && hit.from.ident === e.ident &&
    hit.from.unit === e.unit && hit.from.pid === e.pid && hit.from.priority === e.priority && hit.from.message === e.message)) hit = undefined;
  const every = e.repeat?.every ?? 0;
  const lines = hit?.lines ?? [];
  if (lines.length < count) {
    const { repeat: _r, klog: _k, ...rest } = e;
    for (let i = lines.length; i < count; i++) {
      const at = e.at + i * every;
      lines.push({ ...rest, at, message: messageAt(e, at) });
    }
  }
  if (!hit && Object.isFrozen(e)) renderedLines.set(key, { from: e, lines });
  else if (hit && count >= hit.lines.length) hit.from = e; // the series' latest record: the next read matches at once
  return lines.length === count ? lines : lines.slice(0, count);
}

/** Every line of the host's journal, oldest stored first (stored order, not sorted). */
export function journalLines(host: Pick<Host, 'journal'>): JournalLine[] {
  const out: JournalLine[] = [];
  for (const e of host.journal) {
    if (e.message !== undefined && !e.repeat) { out.push(e as JournalLine); continue; }
    for (const line of recordLines(e, e.repeat?.count ?? 1)) out.push(line);
  }
  return out;
}

/**
 * Appends a klog line of `ident`'s unit at `at`: `count` lines `every` ms apart when repeated. A
 * repeat continuing the journal's last record (same line, next in its period) extends it.
 */
export function appendKlog(host: Host, entry: Omit<JournalEntry, 'message' | 'repeat'> & { klog: NonNullable<JournalEntry['klog']> }, every = 0, count = 1): void {
  if (count < 1) return;
  const last = host.journal[host.journal.length - 1];
  if (every > 0 && last?.repeat && last.repeat.every === every && last.klog && last.at + last.repeat.count * every === entry.at &&
    last.ident === entry.ident && last.unit === entry.unit && last.pid === entry.pid && last.priority === entry.priority &&
    last.klog.severity === entry.klog.severity && last.klog.where === entry.klog.where && last.klog.msg === entry.klog.msg) {
    // A frozen record may be shared with an earlier state: it is replaced, not edited. An unfrozen
    // one was made by this very move (a long move's unshared copy) or is an immer draft.
    if (Object.isFrozen(last)) host.journal[host.journal.length - 1] = { ...last, repeat: { every, count: last.repeat.count + count } };
    else last.repeat = { every, count: last.repeat.count + count };
    return;
  }
  // A single line is never grown: frozen as written, so the freeze ending a long move skips it.
  if (every > 0) host.journal.push({ ...entry, repeat: { every, count } });
  else {
    Object.freeze(entry.klog);
    host.journal.push(Object.freeze(entry));
  }
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
/** journald grows a journal file this much at a time (FILE_SIZE_INCREASE), bytes. */
export const JOURNAL_CHUNK = 8 * MiB;
/**
 * Bytes a line takes in a journal file besides its message text: the entry object, its field
 * data objects (_HOSTNAME, _SYSTEMD_UNIT, _PID, PRIORITY, _BOOT_ID, …, most shared with other
 * lines) and the hash-table and entry-array slots. An estimate; journald does not say.
 */
export const LINE_OVERHEAD = 240;
/** Archived files a node's journal held before the simulation started, full (system@0…3). */
const HISTORY_FILES = 4;
/** The active file's content when the simulation starts (the lines before it), bytes. */
const ACTIVE_START = 3 * MiB;

/** The limits journald works to, bytes: SystemMaxUse= and SystemMaxFileSize=. */
export interface JournaldLimits { maxUse: number; maxFileSize: number }

/** systemd's parse_size (base 1024): `50M`, `1.5G`, `512K`, `4096`; undefined when malformed. */
export function parseSystemdSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGTPE]?)B?\s*$/i.exec(text);
  if (!m) return undefined;
  const factor = { '': 1, K: KiB, M: MiB, G: GiB, T: 1024 * GiB, P: 1024 ** 5, E: 1024 ** 6 }[m[2].toUpperCase() as 'K'];
  return Math.floor(Number(m[1]) * factor);
}

/**
 * The journal's limits on `host`: `SystemMaxUse=` and `SystemMaxFileSize=` from
 * /etc/systemd/journald.conf and its drop-ins (journald.conf.d/*.conf, later wins), else
 * journald's defaults: 10 % of the file system holding /var/log/journal, at most 4 GiB, and an
 * eighth of that per file, at most 128 MiB. (SystemKeepFree= is not modelled.)
 */
export function journaldLimits(host: Pick<Host, 'files' | 'filesystems'>): JournaldLimits {
  const main = '/etc/systemd/journald.conf';
  const dropIns = Object.keys(host.files).filter((p) => /^\/etc\/systemd\/journald\.conf\.d\/[^/]+\.conf$/.test(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const conf = [...(Object.hasOwn(host.files, main) ? [main] : []), ...dropIns];
  let maxUse: number | undefined;
  let maxFileSize: number | undefined;
  for (const path of conf) {
    for (const line of host.files[path].split('\n')) {
      const kv = /^\s*(SystemMaxUse|SystemMaxFileSize)\s*=\s*(.*?)\s*$/.exec(line);
      const v = kv ? parseSystemdSize(kv[2]) : undefined;
      if (v === undefined) continue;
      if (kv![1] === 'SystemMaxUse') maxUse = v; else maxFileSize = v;
    }
  }
  const root = host.filesystems.find((f) => f.mount === '/var/log') ?? host.filesystems.find((f) => f.mount === '/var') ?? host.filesystems.find((f) => f.mount === '/');
  maxUse ??= Math.min(4 * GiB, Math.floor((root?.sizeBytes ?? 40 * GiB) / 10));
  maxFileSize ??= Math.min(128 * MiB, Math.floor(maxUse / 8));
  return { maxUse, maxFileSize: Math.max(maxFileSize, 512 * KiB) };
}

/** The bytes one stored record takes in the journal files (every line of a repeated record). */
export function recordBytes(e: JournalEntry): number {
  // klog's header: severity, `MMDD HH:MM:SS.uuuuuu`, a space, the pid in 7, a space, then `where] `.
  const text = e.message !== undefined ? e.message.length : 1 + 20 + 1 + Math.max(7, String(e.pid ?? 0).length) + 1 + e.klog!.where.length + 2 + e.klog!.msg.length;
  return (text + LINE_OVERHEAD) * (e.repeat?.count ?? 1);
}

/** A file's size on disk: its content rounded up to journald's growth step (a file is at least one step). */
const allocated = (content: number, chunk: number) => Math.max(chunk, Math.ceil(content / chunk) * chunk);

/** The journal's growth step on `host`: 8 MiB, or the file size limit when that is smaller (4 KiB blocks). */
const chunkOf = (limits: JournaldLimits) => Math.min(JOURNAL_CHUNK, Math.ceil(limits.maxFileSize / 4096) * 4096);

/** journald's files on a host: as `du` lists them and `journalctl --disk-usage` adds them up. */
export interface JournalFile { path: string; bytes: number }

/** The host's journal files, oldest archived first and the active `system.journal` last. */
export function journalFiles(host: Host): JournalFile[] {
  const dir = `/var/log/journal/${host.name}`;
  const chunk = chunkOf(journaldLimits(host));
  const j = host.journald ?? initialFiles();
  return [
    ...j.archived.map((f) => ({ path: `${dir}/${f.name}`, bytes: f.bytes })),
    { path: `${dir}/system.journal`, bytes: allocated(j.active.content, chunk) },
  ];
}

/** What `journalctl --disk-usage` adds up: every file's size on disk, bytes. */
export const journalDiskUsage = (host: Host): number => journalFiles(host).reduce((s, f) => s + f.bytes, 0);

function initialFiles(): NonNullable<Host['journald']> {
  return {
    counted: 0,
    archived: Array.from({ length: HISTORY_FILES }, (_, i) => ({ name: `system@${i}.journal`, bytes: JOURNAL_CHUNK, records: 0 })),
    active: { content: ACTIVE_START, records: 0 },
    next: HISTORY_FILES + 1,
  };
}

/**
 * journald's bookkeeping after the journal grew: records stored since the last call are written
 * to the active file, which is archived once it passes SystemMaxFileSize; while all files take
 * more than SystemMaxUse the oldest archived file is deleted with the records it held (journald's
 * vacuum), so the journal never outgrows its limit. The root file system's used bytes follow the
 * files' growth, so `df`, `du` and `journalctl --disk-usage` agree. The newest record is counted
 * only once another follows it (a repeated record may still grow). Cost: the records added.
 */
export function accountJournal(host: Host): void {
  const last = host.journal.length - 1;
  const before = host.journald;
  if (before && before.counted >= last) return;
  const limits = journaldLimits(host);
  const chunk = chunkOf(limits);
  const j = before ? { ...before, archived: [...before.archived], active: { ...before.active } } : initialFiles();
  const usageBefore = j.archived.reduce((s, f) => s + f.bytes, 0) + allocated(j.active.content, chunk);
  for (let i = j.counted; i < last; i++) {
    j.active.content += recordBytes(host.journal[i]);
    j.active.records += 1;
    if (j.active.content >= limits.maxFileSize) {
      j.archived.push({ name: `system@${j.next++}.journal`, bytes: allocated(j.active.content, chunk), records: j.active.records });
      j.active = { content: 0, records: 0 };
    }
  }
  j.counted = last;
  let usage = j.archived.reduce((s, f) => s + f.bytes, 0) + allocated(j.active.content, chunk);
  let dropped = 0;
  while (usage > limits.maxUse && j.archived.length) {
    const oldest = j.archived.shift()!;
    usage -= oldest.bytes;
    dropped += oldest.records;
  }
  if (dropped) {
    host.journal.splice(0, dropped);
    j.counted -= dropped;
    j.since = host.journal[0]?.at ?? Infinity;
  }
  host.journald = j;
  const fs = host.filesystems.find((f) => f.mount === '/');
  if (fs && usage !== usageBefore) fs.usedBytes = Math.max(0, Math.min(fs.sizeBytes, fs.usedBytes + usage - usageBefore));
}
