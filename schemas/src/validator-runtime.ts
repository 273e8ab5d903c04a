/**
 * What the build-time compiled validators (`src/codegen/standalone.ts`) call at runtime: Ajv's
 * string-length and deep-equality helpers, the format checks of ajv-formats, `fail` and `collect`. A few
 * kilobytes, instead of Ajv itself.
 */
export { default as ucs2length } from 'ajv/dist/runtime/ucs2length';
export { default as equal } from 'ajv/dist/runtime/equal';
export { fullFormats as formats } from 'ajv-formats/dist/formats';

/** The error list a compiled validator exposes (`validate.errors`). */
interface WithErrors {
  errors?: unknown;
}

/**
 * What every early exit of the compiled code calls: sets the validator's only error, exactly the
 * object Ajv's own code writes there, and answers false.
 */
export function fail(validate: WithErrors, instancePath: string, keyword: string, params: Readonly<Record<string, unknown>>): false {
  validate.errors = [{ instancePath, schemaPath: '', keyword, params }];
  return false;
}

/** What every collected error of the compiled code calls: appends it as Ajv's own code does. */
export function collect(errors: unknown[] | null, error: unknown): unknown[] {
  if (errors === null) return [error];
  errors.push(error);
  return errors;
}
