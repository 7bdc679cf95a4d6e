/**
 * The grader writes its verdicts to the candidate ("you wrote …", "not in your answer"). The
 * interviewer's view reads them about the candidate instead. A table of second-person phrases and
 * their third-person words, most specific first; text inside double quotes (the candidate's own
 * sentences) is left as written.
 */
const REWORDS: [RegExp, string][] = [
  [/\bYour answer\b/g, 'The answer'],
  [/\byour answer\b/g, 'the answer'],
  [/\byour terminal\b/g, "the candidate's terminal"],
  [/\bYou rejected\b/g, 'The candidate rejected'],
  [/\bbefore you\b/g, 'before they'],
  [/\bYou\b/g, 'The candidate'],
  [/\byou\b/g, 'the candidate'],
  [/\bYour\b/g, "The candidate's"],
  [/\byour\b/g, "the candidate's"],
];

/** A verdict line about the candidate, for the interviewer: `you wrote "…"` → `the candidate wrote "…"`. */
export function aboutCandidate(text: string): string {
  return text
    .split(/("[^"]*")/)
    .map((part) => (part.startsWith('"') && part.endsWith('"') && part.length > 1 ? part : REWORDS.reduce((t, [re, to]) => t.replace(re, to), part)))
    .join('');
}
