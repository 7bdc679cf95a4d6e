/**
 * Where an author's files are. The repository by default; `--dir DIR` or GAUNTLET_DIR points the
 * authoring tools at another folder laid out the same way (`scenarios/<id>.yaml`,
 * `scenarios/<id>.solution.txt`, `scenarios/<id>.weak.txt`, `content/<id>/*.mdx`,
 * `tests/calibration/<id>.yaml`), so a scenario can be written and checked outside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, from this file's location (src/cli/). */
export const repoRoot = join(import.meta.dirname, '..', '..');

export interface Project {
  root: string;
  /** Paths relative to the root, as messages print them. */
  scenarioFile(id: string): string;
  solutionFile(id: string): string;
  weakFile(id: string): string;
  calibrationFile(id: string): string;
  contentFile(rel: string): string;
  /** Absolute path of a relative one. */
  abs(rel: string): string;
  read(rel: string): string | undefined;
  exists(rel: string): boolean;
  scenarioIds(): string[];
}

/** The project at `dir` (absolute or relative to the working directory). */
export function project(dir: string = process.env.GAUNTLET_DIR || repoRoot): Project {
  const abs = (rel: string) => join(dir, rel);
  return {
    root: dir,
    scenarioFile: (id) => `scenarios/${id}.yaml`,
    solutionFile: (id) => `scenarios/${id}.solution.txt`,
    weakFile: (id) => `scenarios/${id}.weak.txt`,
    calibrationFile: (id) => `tests/calibration/${id}.yaml`,
    contentFile: (rel) => `content/${rel}`,
    abs,
    read: (rel) => (existsSync(abs(rel)) ? readFileSync(abs(rel), 'utf8') : undefined),
    exists: (rel) => existsSync(abs(rel)),
    scenarioIds: () => (existsSync(abs('scenarios')) ? readdirSync(abs('scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort() : []),
  };
}

/** Takes `--dir DIR` / `--dir=DIR` out of argv; returns the project and the other arguments. */
export function projectFromArgs(argv: readonly string[]): { project: Project; rest: string[] } {
  const rest: string[] = [];
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir') dir = argv[++i];
    else if (argv[i].startsWith('--dir=')) dir = argv[i].slice('--dir='.length);
    else rest.push(argv[i]);
  }
  return { project: project(dir), rest };
}
