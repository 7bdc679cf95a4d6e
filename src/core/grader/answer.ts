/**
 * Recognising ideas in a written answer. Answers are normalised (lower case, markdown bullets and
 * extra spaces removed, obvious typos of the rubric's own words corrected) and each pattern is a
 * case-insensitive regular expression. A weak answer does not count when the sentence negates it:
 * "I would not delete the pod" is not deleting it.
 */
import { closestWord } from './typos.ts';

/** Lower-cases and flattens an answer: bullets, numbering, curly quotes and runs of blanks go. */
export function normaliseAnswer(text: string): string {
  return text
    .replace(/\r/g, '')
    .replace(/^\s*([-*•]|\d+[.)])\s+/gm, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[ \t]+/g, ' ')
    .toLowerCase();
}

/**
 * The words a set of patterns is written in (literal runs of 4+ letters), the vocabulary typos are
 * corrected towards: `(faulty|broken) (cpu|hardware)` gives faulty, broken, hardware.
 */
export function patternVocabulary(patterns: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const p of patterns) {
    // `memory ?pressure` is written both ways: MemoryPressure as well as memory pressure.
    const joined = p.replace(/( |-|\\s)[?*]/g, '');
    for (const form of [p, joined]) {
      const literal = form.replace(/\\[bBsSdDwW]/g, ' ').replace(/\\(.)/g, '$1');
      for (const w of literal.toLowerCase().match(/[a-z][a-z0-9]{3,}/g) ?? []) words.add(w);
    }
  }
  return words;
}

/**
 * Replaces each word of a normalised answer that is not in `vocabulary` but is one or two edits
 * away from exactly one word in it ("decribe" → "describe", "ilegal" → "illegal"). Words under six
 * letters and English glue words are left alone: there a typo and another word ("would", "could")
 * are too close to tell apart.
 */
export function correctTypos(answer: string, vocabulary: ReadonlySet<string>): string {
  return answer.replace(/[a-z][a-z0-9]{5,}/g, (word) => (vocabulary.has(word) || FUNCTION_WORDS.has(word) ? word : closestWord(word, vocabulary) ?? word));
}

const NEGATION = /\b(not|never|no|don'?t|do not|won'?t|wouldn'?t|would not|avoid|instead of|rather than|without|stop|resist|isn'?t|is not)\b[^.!?\n]*$/;

/** First match of any pattern, with its sentence, or undefined. `allowNegated` false skips negated matches. */
export function findIdea(answer: string, patterns: readonly string[], allowNegated = true): { excerpt: string } | undefined {
  for (const p of patterns) {
    const re = new RegExp(p, 'gi');
    for (let m = re.exec(answer); m; m = re.exec(answer)) {
      const sentenceStart = Math.max(answer.lastIndexOf('.', m.index), answer.lastIndexOf('\n', m.index), answer.lastIndexOf('!', m.index), answer.lastIndexOf('?', m.index)) + 1;
      const before = answer.slice(sentenceStart, m.index);
      if (!allowNegated && NEGATION.test(before)) {
        if (m[0].length === 0) re.lastIndex++;
        continue;
      }
      const end = answer.slice(m.index).search(/[.!?\n]/);
      const sentence = answer.slice(sentenceStart, end < 0 ? undefined : m.index + end).trim();
      return { excerpt: sentence.length > 90 ? `${sentence.slice(0, 87)}...` : sentence };
    }
  }
  return undefined;
}

// The glue of English prose. Explanations are full of these; a pasted list of terms has almost none.
const FUNCTION_WORDS = new Set(
  ('a an the and or but so because since as if then than that this these those it its is are was were be been being ' +
    'has have had do does did will would can could should may might must shall of to in on at by for with from into ' +
    'onto about after before over under between through during without within when where which who what why how ' +
    'not no i we you he she they me us them my our your their there here first next also only just still even very ' +
    'all any each every some more most other such same own while until up out down off again once both either neither ' +
    'should would could their there these those which where about after before because while other')
    .split(' '),
);

/** Share of an answer's words that are English function words (0..1); 0 for an empty answer. */
export function proseRatio(answer: string): { words: number; ratio: number } {
  const words = answer.toLowerCase().match(/[a-z][a-z0-9'-]*/g) ?? [];
  if (words.length === 0) return { words: 0, ratio: 0 };
  return { words: words.length, ratio: words.filter((w) => FUNCTION_WORDS.has(w)).length / words.length };
}
