/**
 * The interviews this browser has opened as an interviewer: their tokens, kept in localStorage so the
 * Sessions page can list them. The server lists sessions only for tokens it is given, so nobody can
 * list interviews they do not hold a link to.
 */
const KEY = 'gauntlet:live:interviews';

export function rememberedInterviews(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberInterview(token: string): void {
  const all = rememberedInterviews();
  if (all.includes(token)) return;
  try {
    localStorage.setItem(KEY, JSON.stringify([token, ...all].slice(0, 500)));
  } catch {
    // Storage blocked: the link itself still works.
  }
}
