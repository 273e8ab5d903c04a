import { IdempotencyKeyReusedError } from '../domain/errors';
import { idempotencyRecordKey, requestHashOf } from './idempotency';
import { idempotencyKeyHeader, readJsonBody } from './request';
import { caller, type RouteDeps, type RouteHandler, type RouteResult } from './route-kit';

/**
 * `Idempotency-Key` for the POST routes whose effect its own state change guards: an account's
 * status (freeze, unfreeze, close), a hold's decision (approve, decline), a subscription's entry
 * (one per endpoint). A repeat could never apply twice; what the key adds is the first answer for
 * the retry (a retried approve gets its 200 again, not 409 `HOLD_ALREADY_DECIDED`), and 422 for
 * the key sent with another request (path parameters and body). So the answer is stored after the
 * operation, conditioned on the key having none, rather than inside the operation's transaction as
 * the money commands do: one read before and one write after, on keyed calls only. An operation
 * that fails stores nothing (a corrected retry may use the key); one that fails because a
 * concurrent call with the same key did it answers with that call's answer once it is stored.
 *
 * @example 'POST /holds/{holdId}/approve': keyedOperation('POST /holds/{holdId}/approve', approve)
 */
export function keyedOperation(endpoint: string, operation: RouteHandler): RouteHandler {
  return async (ctx, deps) => {
    const key = idempotencyKeyHeader(ctx.event);
    if (key === undefined) return operation(ctx, deps);
    const recordKey = idempotencyRecordKey({ callerId: caller(ctx).customerId, endpoint }, key);
    const requestHash = requestHashOf({ params: ctx.params, body: ctx.event.body ? readJsonBody(ctx.event) : null });
    const earlier = await replay(deps, recordKey, requestHash);
    if (earlier) return earlier;
    let result: RouteResult;
    try {
      result = await operation(ctx, deps);
    } catch (error) {
      const winner = await replay(deps, recordKey, requestHash).catch(() => undefined);
      if (winner) return winner;
      throw error;
    }
    // Done is done: an answer that could not be stored leaves a retry the unkeyed answer, never a
    // 5xx for an operation that succeeded (a client would retry it).
    await deps.service.rememberAnswer({ recordKey, requestHash, response: result.response }).catch(() => false);
    return result;
  };
}

async function replay(deps: RouteDeps, recordKey: string, requestHash: string): Promise<RouteResult | undefined> {
  const answer = await deps.service.storedAnswer(recordKey);
  if (!answer) return undefined;
  if (answer.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  return { response: answer.response, replayed: true };
}
