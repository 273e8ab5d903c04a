import { parseRiskPolicyDocument, replaceRiskPolicy, toRiskPolicyDocument, type RiskPolicySource, type RiskPolicyStore } from '@bank/risk-policy';
import type { RiskCaseQueries } from '@bank/risk-service';
import { validateReasonRequest } from '@bank/schemas';
import { assertOperator } from '../domain/access';
import { ValidationFailedError } from '../domain/errors';
import type { Account, Hold, HoldStatus } from '../domain/model';
import { keyedOperation } from './keyed-operation';
import { accountIdParam, limitParam, readJsonBody } from './request';
import { caller, json, valid, type RouteHandler } from './route-kit';
import { accountView, holdView } from './views';


export interface RiskDeps {
  /** The policy in force, as the money commands read it (cached). */
  readonly policies: RiskPolicySource & { invalidate?(): void };
  readonly policyStore: RiskPolicyStore;
  /** The fraud detection's cases (adapter: `DynamoCaseStore` of `@bank/risk-service`). */
  readonly cases: RiskCaseQueries;
}

const HOLD_STATUSES: readonly HoldStatus[] = ['PENDING', 'APPROVED', 'DECLINED', 'EXPIRED'];
const HOLD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function holdIdParam(value: string | undefined): string {
  if (value === undefined || !HOLD_ID.test(value)) throw new ValidationFailedError('The hold id is not valid.', [{ path: '/holdId', message: 'is not a hold id' }]);
  return value;
}

function statusParam(value: string | undefined): HoldStatus {
  const status = HOLD_STATUSES.find((s) => s === (value ?? 'PENDING'));
  if (!status) throw new ValidationFailedError('The status is not valid.', [{ path: '/status', message: `must be one of: ${HOLD_STATUSES.join(', ')}` }]);
  return status;
}

/** An optional body: none (or an empty one) is no reason; a body must be a ReasonRequest. */
function optionalReason(event: Parameters<RouteHandler>[0]['event']): string | undefined {
  if (!event.body) return undefined;
  return valid(validateReasonRequest(readJsonBody(event))).reason;
}

const accountResponse = (status: number, account: Account) => ({ response: json(status, accountView(account)) });
const holdResponse = (hold: Hold) => ({ response: json(200, holdView(hold)) });

/**
 * The risk team's routes (DESIGN.md section 10): account status, review holds, the policy and the
 * fraud detection's cases. Every route but `close` is for operators (the route table says so too).
 */
export function riskRoutes(deps: RiskDeps): Readonly<Record<string, RouteHandler>> {
  return {
    'POST /accounts/{accountId}/freeze': keyedOperation('POST /accounts/{accountId}/freeze', async (ctx, { service }) => {
      const { reason } = valid(validateReasonRequest(readJsonBody(ctx.event)));
      const { account } = await service.freeze(caller(ctx), accountIdParam(ctx.params.accountId), reason, ctx.correlationId);
      return accountResponse(200, account);
    }),
    'POST /accounts/{accountId}/unfreeze': keyedOperation('POST /accounts/{accountId}/unfreeze', async (ctx, { service }) => {
      const reason = optionalReason(ctx.event);
      const { account } = await service.unfreeze(caller(ctx), accountIdParam(ctx.params.accountId), reason, ctx.correlationId);
      return accountResponse(200, account);
    }),
    'POST /accounts/{accountId}/close': keyedOperation('POST /accounts/{accountId}/close', async (ctx, { service }) => {
      const { account } = await service.close(caller(ctx), accountIdParam(ctx.params.accountId), ctx.correlationId);
      return accountResponse(200, account);
    }),
    'GET /holds': async (ctx, { service }) => {
      const query = ctx.event.queryStringParameters ?? {};
      const page = await service.listHolds(caller(ctx), statusParam(query.status), limitParam(query.limit), query.cursor);
      return { response: json(200, { items: page.items.map(holdView), nextCursor: page.nextCursor }) };
    },
    'POST /holds/{holdId}/approve': keyedOperation('POST /holds/{holdId}/approve', async (ctx, { service }) =>
      holdResponse(await service.approveHold(caller(ctx), holdIdParam(ctx.params.holdId), ctx.correlationId)),
    ),
    'POST /holds/{holdId}/decline': keyedOperation('POST /holds/{holdId}/decline', async (ctx, { service }) => {
      const { reason } = valid(validateReasonRequest(readJsonBody(ctx.event)));
      return holdResponse(await service.declineHold(caller(ctx), holdIdParam(ctx.params.holdId), reason, ctx.correlationId));
    }),
    'GET /risk/policy': async (ctx) => {
      assertOperator(caller(ctx), 'read the risk policy');
      const current = await deps.policyStore.get();
      const policy = current?.policy ?? (await deps.policies.current()).policy;
      return { response: json(200, { ...toRiskPolicyDocument(policy), version: current?.version ?? 0, updatedAt: current?.updatedAt ?? null }) };
    },
    'PUT /risk/policy': async (ctx, { nowMs }) => {
      const principal = caller(ctx);
      assertOperator(principal, 'change the risk policy');
      const policy = valid(parseRiskPolicyDocument(readJsonBody(ctx.event)));
      const stored = await replaceRiskPolicy(deps.policyStore, policy, { updatedBy: principal.customerId, at: new Date(nowMs()) });
      // This container applies it at once; others within their cache age (30 s at most).
      deps.policies.invalidate?.();
      return { response: json(200, { ...toRiskPolicyDocument(stored.policy), version: stored.version, updatedAt: stored.updatedAt }) };
    },
    'GET /risk/cases': async (ctx) => {
      assertOperator(caller(ctx), 'read risk cases');
      const query = ctx.event.queryStringParameters ?? {};
      const accountId = query.accountId === undefined ? undefined : accountIdParam(query.accountId);
      const page = await deps.cases.list({ ...(accountId ? { accountId } : {}), limit: limitParam(query.limit), ...(query.cursor ? { cursor: query.cursor } : {}) });
      // Projected field by field: a stored item's other attributes never reach the response.
      return { response: json(200, { items: page.items.map(({ caseId, accountId: id, pattern, openedAt, status }) => ({ caseId, accountId: id, pattern, openedAt, status })), nextCursor: page.nextCursor ?? null }) };
    },
  };
}
