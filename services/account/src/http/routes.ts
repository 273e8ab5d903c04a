import {
  validateDepositRequest,
  validateOpenAccountRequest,
  validateTransferRequest,
  validateUpdateAccountRequest,
  validateWithdrawRequest,
  type DepositRequest,
  type OpenAccountRequest,
  type TransferRequest,
  type WithdrawRequest,
} from '@bank/schemas';
import { isHeld, type DebitOutcome, type MovementResult, type TransferResult } from '../domain/account-service';
import type { Account } from '../domain/model';
import { notificationRoutes, type NotificationQueries } from './notification-routes';
import { type PushConfig, pushRoutes } from './push-subscriptions';
import { accountIdParam, limitParam, readJsonBody } from './request';
import { caller, command, commandContext, minor, valid, type RouteHandler } from './route-kit';
import { riskRoutes, type RiskDeps } from './risk-routes';
import { accountView, heldView, historyView, json, meView, movementView, transferView } from './views';

export type { RouteContext, RouteDeps, RouteHandler, RouteResult } from './route-kit';

/** The account routes, by `"<METHOD> <path>"`. */
const ACCOUNT_ROUTE_HANDLERS: Readonly<Record<string, RouteHandler>> = {
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

  'POST /withdraw': command<WithdrawRequest, DebitOutcome<MovementResult>>(
    'POST /withdraw',
    validateWithdrawRequest,
    (body, ctx, deps, pending) => deps.service.withdraw(body.accountId, minor(body.amount, '/amount'), commandContext(ctx, pending)),
    (result) => (isHeld(result) ? json(202, heldView(result)) : json(200, movementView('Withdrawal successful.', result))),
  ),

  'POST /transfer': command<TransferRequest, DebitOutcome<TransferResult>>(
    'POST /transfer',
    validateTransferRequest,
    (body, ctx, deps, pending) =>
      deps.service.transfer(body.fromAccountId, body.toAccountId, minor(body.amount, '/amount'), commandContext(ctx, pending)),
    (result) => (isHeld(result) ? json(202, heldView(result)) : json(200, transferView(result))),
  ),
};

/**
 * The implementation of every account-api route of the route table in `@bank/topology`, by
 * `"<METHOD> <path>"`. A test checks that the two list the same routes.
 */
export function routeHandlers(push: PushConfig, risk: RiskDeps, notifications: NotificationQueries): Readonly<Record<string, RouteHandler>> {
  return { ...ACCOUNT_ROUTE_HANDLERS, ...pushRoutes(push), ...riskRoutes(risk), ...notificationRoutes(notifications) };
}
