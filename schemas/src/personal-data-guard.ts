/**
 * The events' personal-data guard: each event schema forbids these names in `data`
 * (`propertyNames`), so owner names, emails and phone numbers can never be published. The compiled
 * validators leave it out (the same loop in every type's code) and the event validators check it
 * here, from the list the generator read from the schemas, after the type's own validator.
 */
import { PERSONAL_DATA_GUARDED_TYPES, PERSONAL_DATA_NAMES } from './generated/personal-data-names.generated';
import { childPath, invalid, type ValidationResult } from './validation-issues';

const FORBIDDEN = new Set(PERSONAL_DATA_NAMES);
const GUARDED = new Set(PERSONAL_DATA_GUARDED_TYPES);

/**
 * The result of a type's validator, or the issue its schema's guard reports for the first
 * forbidden name in `data` (the wording the schema's own check had).
 *
 * @example withPersonalDataGuard('MoneyDeposited', runValidator(validator, input))
 */
export function withPersonalDataGuard<T>(type: string, result: ValidationResult<T>): ValidationResult<T> {
  if (!result.ok || !GUARDED.has(type)) return result;
  const data = (result.value as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return result;
  const name = Object.keys(data).find((key) => FORBIDDEN.has(key));
  return name === undefined ? result : invalid(childPath('/data', name), 'is not allowed: events carry no personal data');
}
