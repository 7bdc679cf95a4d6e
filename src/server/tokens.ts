/**
 * What a link's token opens. A token that matches nothing and one past its session's expiry get
 * different, plain messages, and neither reveals anything about any session.
 */
import type { TokenProblem } from '../live/protocol.ts';
import type { Hub, Role } from './hub.ts';
import { findByToken, type SessionRow } from './store.ts';

export type TokenLookup =
  | { ok: true; role: Role; row: SessionRow }
  | { ok: false; problem: TokenProblem; message: string };

export async function lookupToken(hub: Hub, token: string): Promise<TokenLookup> {
  const found = token.length >= 16 && token.length <= 128 ? await findByToken(hub.db, token) : undefined;
  if (!found) return { ok: false, problem: 'unknown', message: 'This interview link is not valid. Check that it was copied whole, or ask the interviewer for a new one.' };
  if (hub.now() > found.row.expiresAt) return { ok: false, problem: 'expired', message: 'This interview link has expired. Ask the interviewer for a new one.' };
  return { ok: true, role: found.role, row: found.row };
}
