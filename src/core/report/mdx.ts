/**
 * MDX prose (prompts, model answers under content/) as plain Markdown: import/export lines, JSX
 * component tags and JSX comments (an author's notes in braces) dropped, the Markdown kept. Used by
 * the Markdown export (browser and CLI) and by the CLI's terminal text.
 */
export function mdxAsMarkdown(source: string): string {
  return source
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((l) => !/^\s*(import|export)\s/.test(l))
    .join('\n')
    .replace(/<\/?[A-Z][^>]*>/g, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}\n?/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
