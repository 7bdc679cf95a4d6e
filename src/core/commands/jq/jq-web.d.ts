/** jq-web ships no types: its CommonJS export is a promise of `{ json, raw }` (see engine.ts). */
declare module 'jq-web' {
  const ready: Promise<{ raw(input: string, filter: string, flags?: string[]): string }>;
  export default ready;
}
