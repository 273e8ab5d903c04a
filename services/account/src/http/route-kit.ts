import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toMinorUnits } from '@bank/money';
import type { ValidationResult } from '@bank/schemas';
import type { Principal } from '../domain/access';
import type { AccountService, PendingIdempotency } from '../domain/account-service';
import { ValidationFailedError } from '../domain/errors';
import type { StoredResponse } from '../domain/model';
import { callIdempotently } from './idempotency';
import { UnauthenticatedError } from './principal';
import { idempotencyKeyHeader, readJsonBody } from './request';

/** What every route handler is built from: the deps it runs with, the request it serves. */

export { json } from './views';

export interface RouteDeps {
  readonly service: AccountService;
  readonly nowMs: () => number;
}

export interface RouteContext {
  readonly event: APIGatewayProxyEvent;
  readonly params: Readonly<Record<string, string>>;
  readonly correlationId: string;
  /** The verified caller; absent only on public routes. */
  readonly principal: Principal | undefined;
}

export interface RouteResult {
  readonly response: StoredResponse;
  readonly replayed?: boolean;
}

export type RouteHandler = (ctx: RouteContext, deps: RouteDeps) => Promise<RouteResult>;

/** The caller of a route that needs one (the router has already refused anonymous calls). */
export function caller(ctx: RouteContext): Principal {
  if (!ctx.principal) throw new UnauthenticatedError();
  return ctx.principal;
}

/** Schema check at the edge: after it the body is typed. */
export function valid<T>(result: ValidationResult<T>): T {
  if (!result.ok) throw new ValidationFailedError('The request body does not match the schema.', result.errors);
  return result.value;
}

/** Major units from the client → minor units, with the error pointing at the field. */
export function minor(amount: number, path: string): number {
  try {
    return toMinorUnits(amount);
  } catch (err) {
    throw new ValidationFailedError(`The ${path.slice(1)} is not valid.`, [
      { path, message: err instanceof Error ? err.message : 'is not a valid amount' },
    ]);
  }
}

/** POST commands share parsing, schema validation and the caller-scoped idempotency wrapper. */
export function command<B, R>(
  endpoint: string,
  validate: (input: unknown) => ValidationResult<B>,
  run: (body: B, ctx: RouteContext & { principal: Principal }, deps: RouteDeps, pending: PendingIdempotency<R> | undefined) => Promise<R>,
  render: (result: R) => StoredResponse,
): RouteHandler {
  return async (ctx, deps) => {
    const principal = caller(ctx);
    const raw = readJsonBody(ctx.event);
    const key = idempotencyKeyHeader(ctx.event);
    const body = valid(validate(raw));
    return callIdempotently<R>({
      key,
      scope: { callerId: principal.customerId, endpoint: endpoint },
      body: raw,
      run: (pending) => run(body, { ...ctx, principal }, deps, pending),
      render,
    });
  };
}

export const commandContext = <R>(ctx: RouteContext & { principal: Principal }, pending: PendingIdempotency<R> | undefined) => ({
  principal: ctx.principal,
  correlationId: ctx.correlationId,
  ...(pending ? { idempotency: pending } : {}),
});

