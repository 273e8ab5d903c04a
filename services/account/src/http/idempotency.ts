import { createHash } from 'node:crypto';
import type { PendingIdempotency } from '../domain/account-service';
import { IdempotencyInProgressError, IdempotencyKeyReusedError, IdempotencyLockLostError } from '../domain/errors';
import type { StoredResponse } from '../domain/model';
import type { IdempotencyStore } from '../domain/ports';
import { canonicalJson } from './request';

/** How long a request may hold its key before another request with the same key may take over. */
export const IDEMPOTENCY_LOCK_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Whose key it is and where it was used: the same key from two customers is two different keys. */
export interface IdempotencyScope {
  readonly callerId: string;
  readonly endpoint: string;
}

/** The record key of an Idempotency-Key in its scope (a hash: keys are client input). */
export function idempotencyRecordKey(scope: IdempotencyScope, key: string): string {
  return `IDEMPOTENCY#${sha256(`${scope.callerId}\n${scope.endpoint}\n${key}`)}`;
}

export interface IdempotentCall<R> {
  readonly store: IdempotencyStore;
  /** Idempotency-Key header value, if the client sent one. */
  readonly key: string | undefined;
  /** Caller, method and path: a key is scoped to one caller and one endpoint. */
  readonly scope: IdempotencyScope;
  readonly body: unknown;
  readonly nowMs: number;
  readonly run: (pending: PendingIdempotency<R> | undefined) => Promise<R>;
  readonly render: (result: R) => StoredResponse;
}

/**
 * Stripe-style idempotency: the first completed response is stored in the same transaction as
 * the money movement (see AccountStore) and replayed for the same key and body.
 */
export async function callIdempotently<R>(call: IdempotentCall<R>): Promise<{ response: StoredResponse; replayed: boolean }> {
  if (call.key === undefined) return { response: call.render(await call.run(undefined)), replayed: false };
  const recordKey = idempotencyRecordKey(call.scope, call.key);
  const requestHash = sha256(canonicalJson(call.body));
  const claim = await call.store.claim(recordKey, requestHash, call.nowMs, IDEMPOTENCY_LOCK_MS);
  if (claim.kind !== 'acquired') {
    if (claim.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
    if (claim.kind === 'completed') return { response: claim.response, replayed: true };
    throw new IdempotencyInProgressError();
  }
  try {
    const result = await call.run({ recordKey, token: claim.token, render: call.render });
    return { response: call.render(result), replayed: false };
  } catch (err) {
    // A failed command changes nothing, so its key is freed for a corrected retry.
    if (!(err instanceof IdempotencyLockLostError)) await call.store.release(recordKey, claim.token);
    throw err;
  }
}
