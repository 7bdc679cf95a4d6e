/**
 * Ideas as claims. A rubric idea is a short statement with example phrasings (plain words and
 * jargon) and near misses (its opposite above all). An answer affirms the claim when one of its
 * windows (a sentence, a bullet line, an item of a term list) holds every key of an example with
 * the example's polarity; it contradicts it when a window holds an example's keys with the other
 * polarity ("adding members makes it worse" against "add members") or affirms a near miss.
 */
import { analyse, requirements, type Analysis, type Window } from './nlp.ts';

/** A claim as the rubric states it. */
export interface ClaimSpec {
  examples: readonly string[];
  /** Phrasings that state part of the claim: read only when no example holds, they earn half. */
  partial?: readonly string[];
  nearMisses?: readonly string[];
}

/** An example reduced to its keys; a sequence example (`a … b`) has its parts, each read in its own window. */
interface Requirement { text: string; keys: string[]; negated: boolean; parts?: Requirement[] }
interface Compiled { examples: Requirement[]; partial: Requirement[]; nearMisses: Requirement[] }

/** Separates the parts of a sequence example: `get pods … describe … logs --previous`. */
const SEQUENCE = /\s*(?:…|\.\.\.)\s*/;

/** How the answer reads a claim, with the verbatim span of the sentence that decided it. */
export type ClaimReading =
  | { status: 'affirmed'; start: number; end: number; focus: [number, number]; example: string; fragment: boolean; partial?: boolean }
  | { status: 'contradicted'; start: number; end: number; focus: [number, number]; example: string; by: 'negation' | 'near-miss' }
  | { status: 'absent' };

const compiled = new WeakMap<ClaimSpec, Compiled>();

/**
 * Keys too common to carry an idea alone: an example that reduces to these only ("pods are
 * running" → POD) would match half of any answer. Concept examples need one more specific key.
 */
export const GENERIC_KEYS = new Set(['POD', 'CONTAINER', 'NODE', 'ROLLOUT', 'KUBELET', 'CHANGE', 'MORE', 'LESS', 'BEFORE', 'HEALTHY', 'BROKEN', 'COUNT', 'LATENCY', 'EXIT', 'RESTART', 'MEMORY', 'LOGS', 'CONFIG', 'DISK', 'CPU', 'PREVIOUS', 'LIMIT', 'REQUEST', 'LAYER', 'BELOW', 'DIAGNOSE', 'IDENTICAL', 'GENERATION', 'LABEL', 'PROVIDER', 'SPOT', 'COMPARE', 'DELETE', 'MONITOR', 'READY', 'MEMBER', 'LEADER', 'ETCD']);

/** Whether an example says something specific: two keys or more, or one outside GENERIC_KEYS. */
export const specific = (keys: readonly string[]) => keys.length >= 2 || keys.some((k) => !GENERIC_KEYS.has(k));

/** The claim's examples and near misses reduced to their keys (once per claim). */
export function compileClaim(spec: ClaimSpec, correct?: (w: string) => string | undefined, generic = false): Compiled {
  let c = compiled.get(spec);
  if (!c) {
    const req = (text: string): Requirement => {
      const parts = text.split(SEQUENCE).filter(Boolean);
      if (parts.length < 2) return { text, ...requirements(text, correct) };
      const reqs = parts.map((p) => ({ text: p, ...requirements(p, correct) }));
      return { text, keys: [...new Set(reqs.flatMap((r) => r.keys))], negated: false, parts: reqs };
    };
    // Weak answers may be generic ("check the logs"); ideas may not.
    const keep = (r: Requirement) => generic || specific(r.keys);
    c = { examples: spec.examples.map(req).filter(keep), partial: (spec.partial ?? []).map(req).filter(keep), nearMisses: (spec.nearMisses ?? []).map(req) };
    compiled.set(spec, c);
  }
  return c;
}

/** How far apart (characters) the words of one example may lie in the answer: a clause, not a paragraph. */
const SPAN = (keys: number) => (keys >= 4 ? 200 : 110);

/**
 * Whether a window holds the requirement's keys close together (one may be missing from an example
 * of four or more), and if so whether the occurrences it read are negated (preferring the
 * example's polarity). Occurrences are chosen around each occurrence of the first key found.
 */
function holds(w: Window, r: Requirement, exact = false): { negated: boolean; partly: boolean; lo: number; hi: number } | undefined {
  if (r.keys.length === 0) return undefined;
  const present = r.keys.filter((k) => w.keys.has(k));
  const missing = r.keys.filter((k) => !w.keys.has(k));
  // One common word of a long example may be missing; never the term that carries it.
  if (missing.length > (r.keys.length >= 4 && !exact ? 1 : 0) || missing.some((k) => !GENERIC_KEYS.has(k) && !/^\d+$/.test(k))) return undefined;
  let best: { negated: boolean; partly: boolean; span: number; lo: number; hi: number } | undefined;
  for (const anchor of w.keys.get(present[0])!) {
    let lo = anchor.start;
    let hi = anchor.end;
    const picks = [anchor];
    for (const k of present.slice(1)) {
      const occ = w.keys.get(k)!;
      const near = (o: { start: number }) => Math.abs(o.start - anchor.start);
      const same = occ.filter((o) => o.negated === r.negated).sort((a, b) => near(a) - near(b))[0];
      const any = [...occ].sort((a, b) => near(a) - near(b))[0];
      const pick = same && near(same) <= SPAN(r.keys.length) ? same : any;
      picks.push(pick);
      lo = Math.min(lo, pick.start);
      hi = Math.max(hi, pick.end);
    }
    // A negated example ("preStop does not run") holds negated when any of its words is denied; a
    // plain one reads as denied only when all of its words are ("I would not delete the pod"): a
    // negation over part of it is part of what it says ("10 pods are not available").
    // The words that carry the idea decide: "the kernel isn't involved … kubelet logs" denies the kernel log.
    const carrying = picks.filter((_, i) => !GENERIC_KEYS.has(present[i]));
    const negated = r.negated ? picks.some((p) => p.negated) : (carrying.length ? carrying : picks).every((p) => p.negated);
    const partly = picks.some((p) => p.negated);
    const span = hi - lo;
    if (span <= SPAN(r.keys.length) && (!best || (best.negated !== r.negated && negated === r.negated) || (negated === best.negated && span < best.span))) best = { negated, partly, span, lo, hi };
  }
  return best && { negated: best.negated, partly: best.partly, lo: best.lo, hi: best.hi };
}

/**
 * Reads one claim in an analysed answer. A window affirms it when an example holds there with the
 * example's polarity; a window that affirms nothing contradicts it when an example holds with the
 * other polarity or a near miss holds. A contradiction anywhere wins: a contradicted claim is never
 * credited (and a refuted weak answer never penalised).
 */
export function readClaim(a: Analysis, spec: ClaimSpec, correct?: (w: string) => string | undefined, generic = false): ClaimReading {
  const c = compileClaim(spec, correct, generic);
  let affirmed: Affirmed | undefined;
  let contradicted: ClaimReading | undefined;
  for (const w of a.windows) {
    let here: Affirmed | undefined;
    let against: ClaimReading | undefined;
    for (const r of c.nearMisses) {
      if (r.parts) continue;
      // A near miss must be said in full: it takes a credit away.
      const h = holds(w, r, true);
      // A near miss counts only when stated outright: "won't choose the stricter one" does not state it.
      if (h && (r.negated ? h.negated : !h.partly)) against ??= { status: 'contradicted', start: w.start, end: w.end, focus: [h.lo, h.hi], example: r.text, by: 'near-miss' };
    }
    for (const r of c.examples) {
      if (r.parts) continue;
      // A weak answer costs points: all of its words must be there.
      const h = holds(w, r, generic);
      if (!h) continue;
      // A weak answer reads as stated only when nothing in it is denied: a refuted weak answer is never penalised.
      const denied = generic && !r.negated ? h.partly : h.negated;
      // Only a plain example can be contradicted by negation ("I would not add members"); a negated
      // one ("preStop does not run …") found without its negation is not its opposite, just absent.
      if (denied !== r.negated) { if (!r.negated) against ??= { status: 'contradicted', start: w.start, end: w.end, focus: [h.lo, h.hi], example: r.text, by: 'negation' }; }
      else here ??= { status: 'affirmed', start: w.start, end: w.end, focus: [h.lo, h.hi], example: r.text, fragment: w.listItem || !w.hasVerb };
    }
    if (against && (!here || against.status === 'contradicted' && (against as { by: string }).by === 'near-miss')) contradicted ??= against;
    else if (here && (!affirmed || (affirmed.fragment && !here.fragment))) affirmed = here; // a full clause beats a bare term
  }
  if (contradicted) return contradicted;
  if (affirmed) return affirmed;
  // A sequence told over several sentences, then a part of the claim (half credit).
  for (const r of c.examples) if (r.parts) { const s = sequenceIn(a, r, generic); if (s) return s; }
  for (const r of c.partial) {
    const s = r.parts ? sequenceIn(a, r, generic) : firstAffirmed(a, r, generic);
    if (s) return { ...s, partial: true };
  }
  return { status: 'absent' };
}

type Affirmed = Extract<ClaimReading, { status: 'affirmed' }>;

/** The first window stating a plain requirement with its own polarity. */
function firstAffirmed(a: Analysis, r: Requirement, generic: boolean, from = 0): (Affirmed & { index: number }) | undefined {
  for (let i = from; i < a.windows.length; i++) {
    const w = a.windows[i];
    const h = holds(w, r, generic);
    if (h && (generic && !r.negated ? h.partly : h.negated) === r.negated) return { status: 'affirmed', start: w.start, end: w.end, focus: [h.lo, h.hi], example: r.text, fragment: w.listItem || !w.hasVerb, index: i };
  }
  return undefined;
}

/** A sequence example's parts, each stated in a window no earlier than the one before: read from the first part's window. */
function sequenceIn(a: Analysis, r: Requirement, generic: boolean): Affirmed | undefined {
  let first: (Affirmed & { index: number }) | undefined;
  let from = 0;
  for (const part of r.parts!) {
    const found = firstAffirmed(a, part, generic, from);
    if (!found) return undefined;
    first ??= found;
    from = found.index;
  }
  const { index: _, ...reading } = first!;
  return { ...reading, example: r.text };
}

/**
 * The answer's own words for a reading, verbatim, with their offsets in the answer as typed: the
 * whole sentence when short, else the stretch around the words that decided it, cut at spaces.
 */
export function quoteOf(text: string, r: { start: number; end: number; focus: [number, number] }, max = 140): { quote: string; start: number; end: number } {
  let [start, end] = [r.start, r.end];
  if (end - start > max) {
    start = Math.max(r.start, Math.min(r.focus[0] - 20, r.end - max));
    end = Math.min(r.end, Math.max(r.focus[1], start + max));
    if (start > r.start) { const sp = text.indexOf(' ', start); if (sp >= 0 && sp < r.focus[0]) start = sp + 1; }
    if (end < r.end) { const sp = text.lastIndexOf(' ', end); if (sp > r.focus[1]) end = sp; }
  }
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const quote = raw.trim().replace(/[,;:]$/, '');
  return { quote, start: start + lead, end: start + lead + quote.length };
}

export { analyse };
