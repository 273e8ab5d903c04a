/** Validators of the HTTP request bodies, compiled at build time (src/generated/validators.generated.ts). */
import { CHANNELS } from '@bank/topology';
import * as compiled from './generated/request-validators.generated';
import { invalid, runValidator, type CompiledValidator, type ValidationResult } from './validation-issues';
import type { OpenAccountRequest } from './generated/OpenAccountRequest.generated';
import type { DepositRequest } from './generated/DepositRequest.generated';
import type { UpdateAccountRequest } from './generated/UpdateAccountRequest.generated';
import type { PushSubscriptionRequest } from './generated/PushSubscriptionRequest.generated';
import type { ReasonRequest } from './generated/ReasonRequest.generated';
import type { WithdrawRequest } from './generated/WithdrawRequest.generated';
import type { TransferRequest } from './generated/TransferRequest.generated';

const openAccount = compiled.OpenAccountRequest as CompiledValidator<OpenAccountRequest>;
const updateAccount = compiled.UpdateAccountRequest as CompiledValidator<UpdateAccountRequest>;
const pushSubscription = compiled.PushSubscriptionRequest as CompiledValidator<PushSubscriptionRequest>;
const reason = compiled.ReasonRequest as CompiledValidator<ReasonRequest>;
const deposit = compiled.DepositRequest as CompiledValidator<DepositRequest>;
const withdraw = compiled.WithdrawRequest as CompiledValidator<WithdrawRequest>;
const transfer = compiled.TransferRequest as CompiledValidator<TransferRequest>;

/**
 * `notifications` may name only the platform's declared channels (`@bank/topology`), read when the
 * request is checked, so a new channel declaration needs no regenerated validator.
 */
function withDeclaredChannels<T extends { readonly notifications?: Readonly<Record<string, boolean>> }>(result: ValidationResult<T>): ValidationResult<T> {
  if (!result.ok) return result;
  const unknown = Object.keys(result.value.notifications ?? {}).find((name) => !CHANNELS.some((channel) => channel.name === name));
  return unknown === undefined ? result : invalid(`/notifications/${unknown}`, 'is not an allowed property name');
}

export function validateOpenAccountRequest(input: unknown): ValidationResult<OpenAccountRequest> {
  return withDeclaredChannels(runValidator(openAccount, input));
}

export function validateUpdateAccountRequest(input: unknown): ValidationResult<UpdateAccountRequest> {
  return withDeclaredChannels(runValidator(updateAccount, input));
}

export function validateDepositRequest(input: unknown): ValidationResult<DepositRequest> {
  return runValidator(deposit, input);
}

export function validateWithdrawRequest(input: unknown): ValidationResult<WithdrawRequest> {
  return runValidator(withdraw, input);
}

export function validateTransferRequest(input: unknown): ValidationResult<TransferRequest> {
  return runValidator(transfer, input);
}

export function validatePushSubscriptionRequest(input: unknown): ValidationResult<PushSubscriptionRequest> {
  return runValidator(pushSubscription, input);
}

export function validateReasonRequest(input: unknown): ValidationResult<ReasonRequest> {
  return runValidator(reason, input);
}
