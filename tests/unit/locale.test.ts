/**
 * The core's output must not depend on the user's locale (replay is compared across machines):
 * no locale-sensitive comparison or formatting in src/core. A `localeCompare` with a fixed locale
 * argument is allowed; one without it, `toLocale*String` and bare `Intl` formatters are not.
 * (The replay of whole scenarios under two locales is in tests/fuzz/fuzz.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', 'src', 'core');
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('locale independence of src/core', () => {
  it('sorts and formats nothing by the user’s locale', () => {
    const found: string[] = [];
    for (const f of files) {
      readFileSync(join(root, f), 'utf8').split('\n').forEach((line, i) => {
        if (/\.localeCompare\([^,()]*(\([^()]*\))?[^,()]*\)/.test(line) || /\.toLocale(?:Upper|Lower)?(?:Date|Time)?String\(|\bIntl\.(?:Collator|NumberFormat|DateTimeFormat)\(\s*\)|\bIntl\.(?:Collator|NumberFormat|DateTimeFormat)\(undefined/.test(line)) {
          found.push(`src/core/${f}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});
