import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toMinorUnits } from '@bank/money';
import {
  validateDepositRequest,
  validateOpenAccountRequest,
  validateTransferRequest,
  validateWithdrawRequest,
  type DepositRequest,
  type OpenAccountRequest,
  type TransferRequest,
  type ValidationResult,
  type WithdrawRequest,
} from '@bank/schemas';
import type { AccountService, MovementResult, PendingIdempotency, TransferResult } from '../domain/account-service';
import { ValidationFailedError } from '../domain/errors';
import type { Account, StoredResponse } from '../domain/model';
import type { IdempotencyStore } from '../domain/ports';
import { callIdempotently } from './idempotency';
import { accountIdParam, idempotencyKeyHeader, limitParam, readJsonBody } from './request';
import { accountView, historyView, json, movementView, transferView } from './views';

export interface RouteDeps {
  readonly service: AccountService;
  readonly idempotency: IdempotencyStore;
  readonly nowMs: () => number;
}

export interface RouteContext {
  readonly event: APIGatewayProxyEvent;
  readonly params: Readonly<Record<string, string>>;
  readonly correlationId: string;
}

export interface RouteResult {
  readonly response: StoredResponse;
  readonly replayed?: boolean;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Path template with `{name}` segments, as API Gateway writes resources. */
  readonly path: string;
  handle(ctx: RouteContext, deps: RouteDeps): Promise<RouteResult>;
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

/** POST routes share parsing, schema validation and the idempotency wrapper. */
function post<B, R>(
  path: string,
  validate: (input: unknown) => ValidationResult<B>,
  run: (body: B, ctx: RouteContext, deps: RouteDeps, pending: PendingIdempotency<R> | undefined) => Promise<R>,
  render: (result: R) => StoredResponse,
): Route {
  return {
    method: 'POST',
    path,
    async handle(ctx, deps) {
      const raw = readJsonBody(ctx.event);
      const key = idempotencyKeyHeader(ctx.event);
      const body = valid(validate(raw));
      return callIdempotently<R>({
        store: deps.idempotency,
        key,
        scope: `POST ${path}`,
        body: raw,
        nowMs: deps.nowMs(),
        run: (pending) => run(body, ctx, deps, pending),
        render,
      });
    },
  };
}

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/health',
    handle: async () => ({ response: json(200, { status: 'ok' }) }),
  },
  post<OpenAccountRequest, Account>(
    '/accounts',
    validateOpenAccountRequest,
    (body, ctx, deps, pending) =>
      deps.service.openAccount(
        {
          ...(body.accountId !== undefined ? { accountId: body.accountId } : {}),
          owner: body.owner,
          ...(body.notifications ? { notifications: body.notifications } : {}),
          ...(body.currency ? { currency: body.currency } : {}),
          ...(body.initialDeposit !== undefined ? { initialDeposit: minor(body.initialDeposit, '/initialDeposit') } : {}),
        },
        { correlationId: ctx.correlationId, ...(pending ? { idempotency: pending } : {}) },
      ),
    (account) => json(201, accountView(account)),
  ),
  {
    method: 'GET',
    path: '/accounts/{accountId}',
    handle: async (ctx, deps) => ({
      response: json(200, accountView(await deps.service.getAccount(accountIdParam(ctx.params.accountId)))),
    }),
  },
  {
    method: 'GET',
    path: '/accounts/{accountId}/transactions',
    async handle(ctx, deps) {
      const query = ctx.event.queryStringParameters ?? {};
      const page = await deps.service.listTransactions(accountIdParam(ctx.params.accountId), limitParam(query.limit), query.cursor);
      return { response: json(200, historyView(page)) };
    },
  },
  post<DepositRequest, MovementResult>(
    '/deposit',
    validateDepositRequest,
    (body, ctx, deps, pending) =>
      deps.service.deposit(body.accountId, minor(body.amount, '/amount'), {
        correlationId: ctx.correlationId,
        ...(pending ? { idempotency: pending } : {}),
      }),
    (result) => json(200, movementView('Deposit successful.', result)),
  ),
  post<WithdrawRequest, MovementResult>(
    '/withdraw',
    validateWithdrawRequest,
    (body, ctx, deps, pending) =>
      deps.service.withdraw(body.accountId, minor(body.amount, '/amount'), {
        correlationId: ctx.correlationId,
        ...(pending ? { idempotency: pending } : {}),
      }),
    (result) => json(200, movementView('Withdrawal successful.', result)),
  ),
  post<TransferRequest, TransferResult>(
    '/transfer',
    validateTransferRequest,
    (body, ctx, deps, pending) =>
      deps.service.transfer(body.fromAccountId, body.toAccountId, minor(body.amount, '/amount'), {
        correlationId: ctx.correlationId,
        ...(pending ? { idempotency: pending } : {}),
      }),
    (result) => json(200, transferView(result)),
  ),
];

/** Matches a concrete path against a template; returns the decoded parameters. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        params[w.slice(1, -1)] = g; // not valid percent-encoding: the param validator rejects it
      }
    } else if (w !== g) return undefined;
  }
  return params;
}
