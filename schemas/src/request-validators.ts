/** Validators of the HTTP request bodies, compiled once at module load. */
import { ajv } from './ajv';
import { apiRequestSchemas } from './raw-schemas';
import { runValidator, type ValidationResult } from './validation-issues';
import type { OpenAccountRequest } from './generated/OpenAccountRequest.generated';
import type { DepositRequest } from './generated/DepositRequest.generated';
import type { UpdateAccountRequest } from './generated/UpdateAccountRequest.generated';
import type { PushSubscriptionRequest } from './generated/PushSubscriptionRequest.generated';
import type { ReasonRequest } from './generated/ReasonRequest.generated';
import type { WithdrawRequest } from './generated/WithdrawRequest.generated';
import type { TransferRequest } from './generated/TransferRequest.generated';

const openAccount = ajv.compile<OpenAccountRequest>(apiRequestSchemas.OpenAccountRequest);
const updateAccount = ajv.compile<UpdateAccountRequest>(apiRequestSchemas.UpdateAccountRequest);
const pushSubscription = ajv.compile<PushSubscriptionRequest>(apiRequestSchemas.PushSubscriptionRequest);
const reason = ajv.compile<ReasonRequest>(apiRequestSchemas.ReasonRequest);
const deposit = ajv.compile<DepositRequest>(apiRequestSchemas.DepositRequest);
const withdraw = ajv.compile<WithdrawRequest>(apiRequestSchemas.WithdrawRequest);
const transfer = ajv.compile<TransferRequest>(apiRequestSchemas.TransferRequest);

export function validateOpenAccountRequest(input: unknown): ValidationResult<OpenAccountRequest> {
  return runValidator(openAccount, input);
}

export function validateUpdateAccountRequest(input: unknown): ValidationResult<UpdateAccountRequest> {
  return runValidator(updateAccount, input);
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
