import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toMinorUnits } from '@bank/money';
import {
  validateDepositRequest,
  validateOpenAccountRequest,
  validateTransferRequest,
  validateUpdateAccountRequest,
  validateWithdrawRequest,
  type DepositRequest,
  type OpenAccountRequest,
  type TransferRequest,
  type ValidationResult,
  type WithdrawRequest,
} from '@bank/schemas';
import type { Principal } from '../domain/access';
import type { AccountService, MovementResult, PendingIdempotency, TransferResult } from '../domain/account-service';
import { ValidationFailedError } from '../domain/errors';
import type { Account, StoredResponse } from '../domain/model';
import type { IdempotencyStore } from '../domain/ports';
import { callIdempotently } from './idempotency';
import { UnauthenticatedError } from './principal';
import { accountIdParam, idempotencyKeyHeader, limitParam, readJsonBody } from './request';
import { accountView, historyView, json, meView, movementView, transferView } from './views';

export interface RouteDeps {
  readonly service: AccountService;
  readonly idempotency: IdempotencyStore;
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
function caller(ctx: RouteContext): Principal {
  if (!ctx.principal) throw new UnauthenticatedError();
  return ctx.principal;
}

/** Schema check at the edge: after it the body is typed. */
function valid<T>(result: ValidationResult<T>): T {
  if (!result.ok) throw new ValidationFailedError('The request body does not match the schema.', result.errors);
  return result.value;
}

/** Major units from the client → minor units, with the error pointing at the field. */
function minor(amount: number, path: string): number {
  try {
    return toMinorUnits(amount);
  } catch (err) {
    throw new ValidationFailedError(`The ${path.slice(1)} is not valid.`, [
      { path, message: err instanceof Error ? err.message : 'is not a valid amount' },
    ]);
  }
}

/** POST commands share parsing, schema validation and the caller-scoped idempotency wrapper. */
function command<B, R>(
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
      store: deps.idempotency,
      key,
      scope: { callerId: principal.customerId, endpoint: endpoint },
      body: raw,
      nowMs: deps.nowMs(),
      run: (pending) => run(body, { ...ctx, principal }, deps, pending),
      render,
    });
  };
}

const commandContext = <R>(ctx: RouteContext & { principal: Principal }, pending: PendingIdempotency<R> | undefined) => ({
  principal: ctx.principal,
  correlationId: ctx.correlationId,
  ...(pending ? { idempotency: pending } : {}),
});

/**
 * The implementation of every account-api route of the route table in `@bank/topology`, by
 * `"<METHOD> <path>"`. A test checks that the two list the same routes.
 */
export const ROUTE_HANDLERS: Readonly<Record<string, RouteHandler>> = {
  'GET /health': async () => ({ response: json(200, { status: 'ok' }) }),

  'GET /me': async (ctx, deps) => ({ response: json(200, meView(await deps.service.overview(caller(ctx)))) }),

  'GET /accounts': async (ctx, deps) => ({
    response: json(200, { items: (await deps.service.listAccounts(caller(ctx))).map(accountView) }),
  }),

  'POST /accounts': command<OpenAccountRequest, Account>(
    'POST /accounts',
    validateOpenAccountRequest,
    (body, ctx, deps, pending) =>
      deps.service.openAccount(
        {
          ...(body.accountId !== undefined ? { accountId: body.accountId } : {}),
          ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
          ...(body.notifications ? { notifications: body.notifications } : {}),
          ...(body.currency ? { currency: body.currency } : {}),
          ...(body.initialDeposit !== undefined ? { initialDeposit: minor(body.initialDeposit, '/initialDeposit') } : {}),
        },
        commandContext(ctx, pending),
      ),
    (account) => json(201, accountView(account)),
  ),

  'GET /accounts/{accountId}': async (ctx, deps) => ({
    response: json(200, accountView(await deps.service.getAccount(caller(ctx), accountIdParam(ctx.params.accountId)))),
  }),

  'PATCH /accounts/{accountId}': async (ctx, deps) => {
    const principal = caller(ctx);
    const accountId = accountIdParam(ctx.params.accountId);
    const body = valid(validateUpdateAccountRequest(readJsonBody(ctx.event)));
    return { response: json(200, accountView(await deps.service.updateNotifications(principal, accountId, body.notifications))) };
  },

  'GET /accounts/{accountId}/transactions': async (ctx, deps) => {
    const query = ctx.event.queryStringParameters ?? {};
    const page = await deps.service.listTransactions(caller(ctx), accountIdParam(ctx.params.accountId), limitParam(query.limit), query.cursor);
    return { response: json(200, historyView(page)) };
  },

  'POST /deposit': command<DepositRequest, MovementResult>(
    'POST /deposit',
    validateDepositRequest,
    (body, ctx, deps, pending) => deps.service.deposit(body.accountId, minor(body.amount, '/amount'), commandContext(ctx, pending)),
    (result) => json(200, movementView('Deposit successful.', result)),
  ),

  'POST /withdraw': command<WithdrawRequest, MovementResult>(
    'POST /withdraw',
    validateWithdrawRequest,
    (body, ctx, deps, pending) => deps.service.withdraw(body.accountId, minor(body.amount, '/amount'), commandContext(ctx, pending)),
    (result) => json(200, movementView('Withdrawal successful.', result)),
  ),

  'POST /transfer': command<TransferRequest, TransferResult>(
    'POST /transfer',
    validateTransferRequest,
    (body, ctx, deps, pending) =>
      deps.service.transfer(body.fromAccountId, body.toAccountId, minor(body.amount, '/amount'), commandContext(ctx, pending)),
    (result) => json(200, transferView(result)),
  ),
};
