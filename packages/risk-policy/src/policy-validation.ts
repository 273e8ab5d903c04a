/**
 * Validation of untrusted policies (`PUT /risk/policy`) and the conversion between the API shape
 * (major units) and the stored shape (minor units). The validator is compiled from
 * policy-schema.ts at build time (`npm run generate`), stopping at the first failure.
 */
import { InvalidAmountError, toMajorUnits, toMinorUnits } from '@bank/money';
import { toValidationIssues, type CompiledValidator, type ValidationIssue, type ValidationResult } from '@bank/schemas';
import { RiskPolicyDocument as compiledDocument } from './generated/policy-document-validator.generated';
import { mapAmounts, type RiskPolicy, type RiskPolicyDocument } from './policy';

const validateDocument = compiledDocument as CompiledValidator<RiskPolicyDocument>;

const MAX_ISSUES = 20;

/** The three amounts of a policy, with their JSON pointers. */
const AMOUNTS = [
  { path: '/reviewAmount', get: (p: RiskPolicyDocument) => p.reviewAmount },
  { path: '/newAccount/maxDebit', get: (p: RiskPolicyDocument) => p.newAccount.maxDebit },
  { path: '/patterns/passThrough/minDeposit', get: (p: RiskPolicyDocument) => p.patterns.passThrough.minDeposit },
] as const;

/**
 * Validates a `PUT /risk/policy` body and converts it to minor units. Unknown fields, missing
 * fields, out-of-range values and amounts with more than two decimals are issues with JSON
 * pointers (a 400 `VALIDATION_FAILED`); messages never quote the input.
 *
 * @example
 * const result = parseRiskPolicyDocument(JSON.parse(body));
 * if (!result.ok) return problem(400, 'VALIDATION_FAILED', result.errors);
 * await replaceRiskPolicy(store, result.value, { updatedBy: operatorId, at: new Date() });
 */
export function parseRiskPolicyDocument(input: unknown): ValidationResult<RiskPolicy> {
  if (!validateDocument(input)) return { ok: false, errors: toValidationIssues(validateDocument.errors).slice(0, MAX_ISSUES) };
  const errors: ValidationIssue[] = [];
  for (const { path, get } of AMOUNTS) {
    try {
      toMinorUnits(get(input));
    } catch (error) {
      if (!(error instanceof InvalidAmountError)) throw error;
      errors.push({ path, message: 'must have at most 2 decimal places' });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: mapAmounts(input, toMinorUnits) };
}

/** The API shape of a policy (amounts in major units), for `GET /risk/policy`. */
export function toRiskPolicyDocument(policy: RiskPolicy): RiskPolicyDocument {
  return mapAmounts(policy, toMajorUnits);
}
