import { createHash } from 'node:crypto';
import type { PendingIdempotency } from '../domain/account-service';
import { AlreadyAnsweredError, IdempotencyKeyReusedError } from '../domain/errors';
import type { StoredResponse } from '../domain/model';
import { canonicalJson } from './request';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What a key's stored answer is compared with: the request as canonical JSON, hashed (key order does not count). */
export const requestHashOf = (request: unknown): string => sha256(canonicalJson(request));

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
  /** Idempotency-Key header value, if the client sent one. */
  readonly key: string | undefined;
  /** Caller, method and path: a key is scoped to one caller and one endpoint. */
  readonly scope: IdempotencyScope;
  readonly body: unknown;
  readonly run: (pending: PendingIdempotency<R> | undefined) => Promise<R>;
  readonly render: (result: R) => StoredResponse;
}

/**
 * Stripe-style idempotency at the cost of no extra call: the command reads the key's answer with
 * its accounts (one read) and stores its own answer in the transaction of its write (one write),
 * conditioned on the key having none. A key that was answered, or whose answer another request
 * stored first (the loser of a race), replays that answer for the same body and refuses another
 * body. A failed command stores nothing, so a corrected retry may use the same key.
 */
export async function callIdempotently<R>(call: IdempotentCall<R>): Promise<{ response: StoredResponse; replayed: boolean }> {
  if (call.key === undefined) return { response: call.render(await call.run(undefined)), replayed: false };
  const requestHash = requestHashOf(call.body);
  try {
    const result = await call.run({ recordKey: idempotencyRecordKey(call.scope, call.key), requestHash, render: call.render });
    return { response: call.render(result), replayed: false };
  } catch (err) {
    if (!(err instanceof AlreadyAnsweredError)) throw err;
    if (err.answer.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
    return { response: err.answer.response, replayed: true };
  }
}
