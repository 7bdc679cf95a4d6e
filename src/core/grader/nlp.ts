/**
 * Reading an answer: wink-nlp (with its English model, shipped in the npm package) splits it into
 * sentences and tokens with lemmas and parts of speech; this module adds what the grader needs on
 * top: the domain keys each word or phrase says (thesaurus.ts), the scope of negation and contrast
 * ("not", "never", "without", "instead of", "rather than", "… makes it worse"), and the exact
 * character offsets of everything in the original text, so quotes are verbatim.
 */
import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { phraseKeys, wordKeys } from './thesaurus.ts';

let engine: ReturnType<typeof winkNLP> | undefined;
/** The NLP pipeline, built once on first use (the model takes about a second to load). */
function nlp(): ReturnType<typeof winkNLP> {
  engine ??= winkNLP(model, ['sbd', 'pos']);
  return engine;
}

/** A word of the answer with what it says. */
export interface Token {
  start: number;
  end: number;
  lower: string;
  lemma: string;
  pos: string;
  /** Keys this word says: the thesaurus' keys first (the first is its primary meaning), then its lemma. */
  keys: string[];
  /** Inside the scope of a negation or contrast in its clause. */
  negated: boolean;
}

/** A span where ideas are matched: a sentence, a bullet line, or one item of a comma list. */
export interface Window {
  start: number;
  end: number;
  /** Occurrences of each key in the window, with their polarity and span. */
  keys: Map<string, { negated: boolean; start: number; end: number }[]>;
  /** The window has a verb: a clause that relates terms, not a bare term. */
  hasVerb: boolean;
  /** An item of a list of terms (a salad of commas), not prose. */
  listItem: boolean;
}

export interface Analysis {
  text: string;
  windows: Window[];
  /** Share of the answer's content words that sit in list items (0..1): a term salad is near 1. */
  listShare: number;
  /** Share of the answer's content words in windows without a verb (0..1): a checklist of fragments is high. */
  fragmentShare: number;
}

// Words that start a negation or contrast whose scope runs to the end of the clause.
const NEGATORS = new Set(['not', "n't", 'never', 'no', 'without', 'cannot', 'neither', 'nor', 'none', 'nothing', 'nobody', 'avoid', 'refuse', 'instead', 'rather', 'stop', 'skip', 'wont', 'dont', 'doesnt', 'isnt', 'cant', 'shouldnt', 'wouldnt', 'didnt', 'arent']);
// Said after the words they deny: "adding members makes it worse", "a reboot is a mistake".
const POST_NEGATORS = /\b(makes? (it|things|this|matters) worse|is (a )?(mistake|wrong|myth|misconception|trap|red herring|bad idea)|(won'?t|will not|doesn'?t|does not|would not|wouldn'?t) help|is pointless|is useless|is not (the|a) (fix|answer|solution)|hides? the (symptom|problem)|is the (exact )?mistake|are wrong|is misleading|(is|was|are|were) ruled out|(we were|i was|we are|i am|was|were) told not to( do)?|is not allowed|are not allowed|is forbidden|(is|are) off the table|is out of the question|leaves? \w+ unprotected|(is|are|was|were)(n'?t| not) involved|has nothing to do with (it|this))\b/gi;
// Words that close a clause (negation does not cross them).
const CLAUSE_BREAK = new Set(['but', 'because', 'while', 'whereas', 'although', 'though', 'so', 'until', 'unless', 'since', 'then', 'however', 'yet', 'otherwise', 'which', 'if', 'when']);
const BREAK_PUNCT = /^[,;:()\[\]—–!?.]$|^-{1,2}$|^\/$/;
// Words that carry no idea on their own.
const STOP = new Set(['be', 'have', 'do', 'will', 'would', 'could', 'should', 'can', 'may', 'might', 'must', 'shall', 'i', 'we', 'you', 'it', 'they', 'he', 'she', 'this', 'that', 'these', 'those', 'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into', 'as', 'just', 'also', 'then', 'so', 'very', 'really', 'still', 'even', 'only', 'some', 'any', 'all', 'each', 'every', 'thing', 'things', 'something', 'anything', 'way', 'lot', 'look', 'check', 'see', 'use', 'run', 'go', 'get', 'make', 'take', 'let', 'want', 'need', 'try', 'know', 'think', 'say', 'tell', 'show', 'find', 'give', 'here', 'there', 'what', 'which', 'who', 'how', 'why', 'where', 'when', 'one', 'e.g.', 'i.e.', 'etc', 'kubectl', 'command', 'probably', 'likely', 'maybe', 'usually', 'often', 'first', 'next', 'after', 'now', 'again', 'well', 'like', 'about', 'is', 'are', 'was', 'were', 'its', 'my', 'our', 'your', 'their', 'me', 'us', 'them', 'if', 'too']);


/** A word of the text with its sentence (sentences also end at line breaks). */
interface Tokenised { tokens: Token[]; sentences: Token[][] }

/**
 * Tokens with lemmas, keys and negation scope. A negator ("not", "never", "without", "instead of",
 * "rather than") negates the rest of its clause; a post-negator ("… makes it worse") the clause
 * before it; clauses end at punctuation and at conjunctions such as "but", "because", "until".
 */
function tokenise(text: string, correct: (word: string) => string | undefined): Tokenised {
  const its = nlp().its;
  const doc = nlp().readDoc(text);
  // Read every property in bulk: one call per property is far cheaper than one per token.
  const all = doc.tokens();
  const values = all.out() as string[];
  const spaces = all.out(its.precedingSpaces) as string[];
  const types = all.out(its.type) as string[];
  const lemmas = all.out(its.lemma as Parameters<typeof all.out>[0]) as (string | undefined)[];
  const tags = all.out(its.pos) as (string | undefined)[];
  const sentenceLast = new Set<number>();
  let count = 0;
  doc.sentences().each((s: ItemSentence) => { count += s.tokens().length(); sentenceLast.add(count - 1); });
  const postNeg = [...text.matchAll(POST_NEGATORS)].map((m) => m.index!);
  const tokens: Token[] = [];
  const sentences: Token[][] = [[]];
  let negated = false;
  let clauseStart = 0;
  let at = 0;
  const closeClause = (limit: number) => {
    flipBefore(tokens, clauseStart, postNeg, limit);
    negated = false;
    clauseStart = tokens.length;
  };
  const newSentence = () => { if (sentences[sentences.length - 1].length) sentences.push([]); };
  for (let i = 0; i < values.length; i++) {
    at += spaces[i].length;
    const value = values[i];
    const start = at;
    at += value.length;
    const type = types[i];
    const lower = value.toLowerCase().replace(/’/g, "'");
    // The model leaves some tokens without a lemma or tag (very long inputs): fall back to the word.
    const lemma = (lemmas[i] ?? lower).toLowerCase();
    const pos = tags[i] ?? 'X';
    const lineBreak = type === 'tabCRLF' && value.includes('\n');
    if (lineBreak || BREAK_PUNCT.test(lower) || CLAUSE_BREAK.has(lower)) closeClause(start);
    if (lineBreak) newSentence();
    if (type === 'word' || type === 'number' || pos === 'NUM') {
      const bare = lower.replace(/'/g, '');
      // "instead of X" and "rather than X" deny X; a bare "Instead, I'd …" denies nothing.
      const next = (values[i + 1] ?? '').toLowerCase() === '' ? (values[i + 2] ?? '').toLowerCase() : (values[i + 1] ?? '').toLowerCase();
      const linking = (lower === 'instead' && next !== 'of') || (lower === 'rather' && next !== 'than');
      if (!linking && (NEGATORS.has(lower) || NEGATORS.has(bare))) negated = true;
      const known = wordKeys(lemma, lower);
      const fixed = known.length || STOP.has(lemma) || STOP.has(lower) ? undefined : correct(lower);
      // A corrected word stands for its plain form too (no lemma for a word the model never saw).
      const keys = known.length ? [...known] : fixed ? [...wordKeys(fixed, fixed), fixed, fixed.replace(/(s|ed|ing)$/, '')] : [];
      if (!fixed && !STOP.has(lemma) && !STOP.has(lower) && !NEGATORS.has(lower) && !NEGATORS.has(bare) && !CLAUSE_BREAK.has(lower)) keys.push(lemma);
      const tok: Token = { start, end: at, lower, lemma, pos, keys, negated };
      tokens.push(tok);
      sentences[sentences.length - 1].push(tok);
    }
    // wink ends a sentence at any full stop; "GC.heap_dump" or "v1.2" with no space after it goes on.
    if (sentenceLast.has(i) && (at >= text.length || /\s/.test(text[at]))) { closeClause(at + 1); newSentence(); }
  }
  closeClause(text.length + 1);
  return { tokens, sentences: sentences.filter((x) => x.length) };
}

/**
 * Splits a text into windows with their keys. `correct` may map an unknown lower-cased word to a
 * known one (typo tolerance); the original text is never changed.
 */
export function analyse(text: string, correct: (word: string) => string | undefined = () => undefined): Analysis {
  const { sentences } = tokenise(text, correct);
  const phrases = correctedPhrases(text, correct);
  const windows: Window[] = [];
  let listWords = 0;
  let allWords = 0;
  let fragmentWords = 0;
  for (const sentence of sentences) {
    const items = listItems(text, sentence);
    const content = sentence.filter((t) => t.keys.length).length;
    allWords += content;
    if (!sentence.some((t) => t.pos === 'VERB' || t.pos === 'AUX')) fragmentWords += content;
    if (items) {
      listWords += content;
      for (const item of items) windows.push(makeWindow(item, phrases, true));
    } else windows.push(makeWindow(sentence, phrases, false));
  }
  return { text, windows, listShare: allWords ? listWords / allWords : 0, fragmentShare: allWords ? fragmentWords / allWords : 0 };
}

/**
 * Phrase keys read on the text with its typos corrected ("alolwed disruptions" reads as allowed
 * disruptions), their spans mapped back onto the text as typed.
 */
function correctedPhrases(text: string, correct: (word: string) => string | undefined): ReturnType<typeof phraseKeys> {
  const fixes: { start: number; end: number; by: string }[] = [];
  for (const m of text.matchAll(/[A-Za-z]{6,}/g)) {
    const by = correct(m[0].toLowerCase());
    if (by) fixes.push({ start: m.index!, end: m.index! + m[0].length, by });
  }
  if (fixes.length === 0) return phraseKeys(text);
  let fixed = '';
  let at = 0;
  const marks: { from: number; to: number; delta: number }[] = []; // corrected offset → original
  for (const f of fixes) {
    fixed += text.slice(at, f.start);
    marks.push({ from: fixed.length, to: fixed.length + f.by.length, delta: f.start - fixed.length });
    fixed += f.by;
    at = f.end;
  }
  fixed += text.slice(at);
  const back = (pos: number) => {
    let delta = 0;
    for (const m of marks) {
      if (pos < m.from) break;
      if (pos <= m.to) return pos + m.delta;
      delta = m.delta + (fixes[marks.indexOf(m)].end - fixes[marks.indexOf(m)].start) - (m.to - m.from);
    }
    return pos + delta;
  };
  return phraseKeys(fixed).map((p) => ({ key: p.key, start: back(p.start), end: Math.max(back(p.start) + 1, back(p.end)) }));
}

/** Marks as negated every token of the clause [from, …) that a post-negator after it (before `limit`) denies. */
function flipBefore(tokens: Token[], from: number, postNeg: readonly number[], limit: number): void {
  if (from >= tokens.length) return;
  const clauseStart = tokens[from].start;
  const at = postNeg.find((p) => p >= clauseStart && p < limit);
  if (at === undefined) return;
  for (let i = from; i < tokens.length && tokens[i].start < at; i++) tokens[i].negated = !tokens[i].negated;
}

/**
 * The items of a sentence that is a list of terms (five or more comma- or slash-separated items,
 * most of three content words or fewer): matching then works item by item.
 */
function listItems(text: string, sentence: Token[]): Token[][] | undefined {
  // Bare terms side by side, with no verb and no glue word ("SIGILL avx512 cpuinfo march"): each is an item.
  const content = sentence.filter((t) => t.keys.length);
  if (content.length >= 3 && !sentence.some((t) => ['VERB', 'AUX', 'ADP', 'DET', 'PRON', 'SCONJ', 'CCONJ'].includes(t.pos))) return content.map((t) => [t]);
  const items: Token[][] = [[]];
  for (let i = 0; i < sentence.length; i++) {
    if (i > 0 && /[,;/]/.test(text.slice(sentence[i - 1].end, sentence[i].start))) items.push([]);
    items[items.length - 1].push(sentence[i]);
  }
  if (items.length < 5) return undefined;
  const short = items.filter((it) => it.filter((t) => t.keys.length).length <= 3).length;
  return short / items.length >= 0.8 ? items : undefined;
}

function makeWindow(toks: Token[], phrases: ReturnType<typeof phraseKeys>, listItem: boolean): Window {
  const start = toks[0].start;
  const end = toks[toks.length - 1].end;
  const keys: Window['keys'] = new Map();
  const add = (key: string, negated: boolean, s: number, e: number) => {
    const list = keys.get(key);
    if (list) list.push({ negated, start: s, end: e });
    else keys.set(key, [{ negated, start: s, end: e }]);
  };
  for (const t of toks) {
    for (const k of t.keys) add(k, t.negated, t.start, t.end);
    // Every word is there by its lemma too, for examples that ask for a word itself (`=one by =one`).
    if (!t.keys.includes(t.lemma)) add(t.lemma, t.negated, t.start, t.end);
  }
  for (const p of phrases) {
    if (p.start < start || p.start >= end) continue;
    let t = toks[toks.length - 1];
    for (const x of toks) if (x.end > p.start) { t = x; break; }
    add(p.key, t.negated, p.start, Math.min(p.end, end));
  }
  return { start, end, keys, hasVerb: toks.some((t) => t.pos === 'VERB' || t.pos === 'AUX'), listItem };
}

/**
 * The keys an example phrasing requires, each by its primary meaning (a phrase's key replaces the
 * words it covers), and whether the example is itself negated ("preStop does not run").
 */
export function requirements(example: string, correct: (word: string) => string | undefined = () => undefined): { keys: string[]; negated: boolean } {
  // `=word` asks for that very word (its lemma), not its thesaurus meaning: "=more monitoring".
  const literal = new Set([...example.matchAll(/=([A-Za-z][\w-]*)/g)].map((m) => m.index! + 1));
  const text = example.replace(/=([A-Za-z])/g, ' $1');
  const { tokens } = tokenise(text, correct);
  const phrases = phraseKeys(text).filter((p) => ![...literal].some((at) => at >= p.start && at < p.end));
  const covered = (t: Token) => phrases.some((p) => t.start >= p.start && t.end <= p.end);
  const keys = new Set<string>(phrases.map((p) => p.key));
  for (const t of tokens) {
    if (literal.has(t.start)) keys.add(t.lemma);
    else if (t.keys.length && !covered(t)) keys.add(t.keys[0]);
  }
  return { keys: [...keys], negated: tokens.some((t) => t.negated && t.keys.length > 0) };
}
