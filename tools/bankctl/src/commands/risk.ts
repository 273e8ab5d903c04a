import { describeAccount, describeHold, HOLD_STATUSES, renderCases, renderHolds, renderPolicy } from '../core/risk-views';
import { UsageError } from '../errors';
import type { RiskApiPort } from '../ports';
import type { Output } from './context';

export interface RiskContext {
  readonly api: RiskApiPort;
  readonly output: Output;
}

interface Json {
  readonly json: boolean;
}

function requireReason(reason: string | undefined, flag = '--reason'): string {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '') throw new UsageError(`${flag} must say why (it is recorded with the change)`);
  return trimmed;
}

/** `risk policy get`: the policy in force (the defaults until an operator stores one). */
export async function riskPolicyGet(ctx: RiskContext, options: Json): Promise<number> {
  const policy = await ctx.api.getPolicy();
  if (options.json) ctx.output.json(policy);
  else ctx.output.line(renderPolicy(policy));
  return 0;
}

/** What `GET /risk/policy` answers beyond the document; dropped so its output can be put back as it is. */
const READ_ONLY_POLICY_FIELDS = ['version', 'updatedAt'];

/** `risk policy set FILE`: replaces the policy with the file's document; the API validates it (400 with the fields). */
export async function riskPolicySet(ctx: RiskContext, options: Json & { readonly policy: unknown }): Promise<number> {
  const { policy } = options;
  const document =
    typeof policy === 'object' && policy !== null && !Array.isArray(policy) ? Object.fromEntries(Object.entries(policy).filter(([key]) => !READ_ONLY_POLICY_FIELDS.includes(key))) : policy;
  const stored = await ctx.api.putPolicy(document);
  if (options.json) {
    ctx.output.json(stored);
  } else {
    ctx.output.line('risk policy replaced; in force within 30 s (at once on the local stack):');
    ctx.output.line(renderPolicy(stored));
  }
  return 0;
}

/** `risk holds [--status S]`: review holds (PENDING unless --status), all pages. */
export async function riskHolds(ctx: RiskContext, options: Json & { readonly status?: string | undefined }): Promise<number> {
  const status = options.status?.toUpperCase();
  if (status !== undefined && !(HOLD_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${HOLD_STATUSES.join(', ')}`);
  const holds = await ctx.api.listHolds(status);
  if (options.json) ctx.output.json({ items: holds });
  else if (holds.length === 0) ctx.output.line(`no ${status ?? 'PENDING'} holds`);
  else ctx.output.line(renderHolds(holds));
  return 0;
}

/** `risk approve HOLD_ID`: posts the held debit. */
export async function riskApprove(ctx: RiskContext, options: Json & { readonly holdId: string }): Promise<number> {
  const hold = await ctx.api.approveHold(options.holdId);
  if (options.json) ctx.output.json(hold);
  else ctx.output.line(describeHold(hold, options.holdId));
  return 0;
}

/** `risk decline HOLD_ID --reason R`: releases the held money. */
export async function riskDecline(ctx: RiskContext, options: Json & { readonly holdId: string; readonly reason: string | undefined }): Promise<number> {
  const hold = await ctx.api.declineHold(options.holdId, requireReason(options.reason));
  if (options.json) ctx.output.json(hold);
  else ctx.output.line(describeHold(hold, options.holdId));
  return 0;
}

/** `risk freeze ACCOUNT_ID --reason R`: debits refused from now on; credits still arrive. */
export async function riskFreeze(ctx: RiskContext, options: Json & { readonly accountId: string; readonly reason: string | undefined }): Promise<number> {
  const account = await ctx.api.freeze(options.accountId, requireReason(options.reason));
  if (options.json) ctx.output.json(account);
  else ctx.output.line(describeAccount(account, options.accountId));
  return 0;
}

/** `risk unfreeze ACCOUNT_ID [--reason R]`. */
export async function riskUnfreeze(ctx: RiskContext, options: Json & { readonly accountId: string; readonly reason: string | undefined }): Promise<number> {
  const account = await ctx.api.unfreeze(options.accountId, options.reason === undefined ? undefined : requireReason(options.reason));
  if (options.json) ctx.output.json(account);
  else ctx.output.line(describeAccount(account, options.accountId));
  return 0;
}

/** `risk cases [--account ID]`: cases the risk service opened, newest first. */
export async function riskCases(ctx: RiskContext, options: Json & { readonly accountId?: string | undefined }): Promise<number> {
  const cases = await ctx.api.listCases(options.accountId);
  if (options.json) ctx.output.json({ items: cases });
  else if (cases.length === 0) ctx.output.line(options.accountId ? `no risk cases for account ${options.accountId}` : 'no risk cases');
  else ctx.output.line(renderCases(cases));
  return 0;
}
