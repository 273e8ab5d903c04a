/**
 * Reading the stored policy (minor units), for every function that applies it. Apart from
 * policy-validation.ts so they bundle only this validator (compiled at build time).
 */
import { toValidationIssues, type CompiledValidator } from '@bank/schemas';
import { InvalidRiskPolicyError } from './errors';
import { StoredRiskPolicy as compiledStored } from './generated/stored-policy-validator.generated';
import { mapAmounts, type RiskPolicy, type RiskPolicyDocument } from './policy';

const validateStored = compiledStored as CompiledValidator<RiskPolicyDocument>;

/** Reads a policy from storage (minor units); anything else is an InvalidRiskPolicyError. */
export function parseStoredRiskPolicy(value: unknown): RiskPolicy {
  if (!validateStored(value)) throw new InvalidRiskPolicyError(toValidationIssues(validateStored.errors));
  return mapAmounts(value, (minor) => minor);
}
