import type { Command } from '../types.ts';
import { grep } from './grep/index.ts';
import { head } from './head/index.ts';
import { tail } from './tail/index.ts';
import { wc } from './wc/index.ts';
import { sort } from './sort/index.ts';
import { uniq } from './uniq/index.ts';
import { awk } from './awk/index.ts';
import { cut } from './cut/index.ts';
import { tr } from './tr/index.ts';
import { sed } from './sed/index.ts';
import { tee } from './tee/index.ts';
import { xargs } from './xargs/index.ts';
import { base64 } from './base64/index.ts';
import { column } from './column/index.ts';
import { seq } from './seq/index.ts';
import { rev } from './rev/index.ts';

/** The text filters available on every place (laptop, node, debug container), for pipelines. */
export const textCommands: Command[] = [grep, head, tail, wc, sort, uniq, awk, cut, tr, sed, tee, xargs, base64, column, seq, rev];
