/** The idempotency claims of the in-memory ledger, with the DynamoDB ledger's rules (leases free at their end instant). */
import type { ClaimResult } from '../ports/ledger-port';

interface ClaimState {
  status: 'in-progress' | 'completed';
  leaseUntilMs: number;
  /** Epoch seconds, as the table's TTL attribute: the claim is forgotten once `expiresAtS * 1000 <= now`. */
  expiresAtS: number;
}

/** Same as the DynamoDB ledger: a completion whose claim was already gone is remembered for a day. */
const ORPHAN_COMPLETION_TTL_SECONDS = 24 * 60 * 60;

/** `claim`, `completeClaim` and `releaseClaim` of LedgerPort, without the failure injection the ledger adds. */
export class InMemoryClaims {
  private claims = new Map<string, ClaimState>();

  claim(key: string, nowMs: number, leaseMs: number, ttlSeconds: number): ClaimResult {
    const held = this.claims.get(key);
    const taken =
      held !== undefined &&
      held.expiresAtS * 1000 > nowMs &&
      (held.status === 'completed' || held.leaseUntilMs > nowMs);
    if (taken) return held.status;
    this.claims.set(key, {
      status: 'in-progress',
      leaseUntilMs: nowMs + leaseMs,
      expiresAtS: Math.ceil(nowMs / 1000) + ttlSeconds,
    });
    return 'acquired';
  }

  complete(key: string, nowMs: number): void {
    const expiresAtS = this.claims.get(key)?.expiresAtS ?? Math.ceil(nowMs / 1000) + ORPHAN_COMPLETION_TTL_SECONDS;
    this.claims.set(key, { status: 'completed', leaseUntilMs: nowMs, expiresAtS });
  }

  release(key: string): void {
    if (this.claims.get(key)?.status === 'in-progress') this.claims.delete(key);
  }

  clear(): void {
    this.claims.clear();
  }
}
