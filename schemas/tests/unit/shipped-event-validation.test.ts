/**
 * The shipped event validation (src/generated: Ajv's draft-07 code with early exits through the
 * runtime's `fail`, an event checked as envelope ∧ its type's part, the personal-data guard checked
 * from one list) must accept exactly what Ajv compiling the 2020-12 schema accepts, and report an
 * issue Ajv's errors give, for the schema or for the envelope.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { withSharedCollects, withSharedFailures } from '../../src/codegen/standalone';
import { validateEvent } from '../../src/event-validators';
import { eventEnvelopeSchema, eventSchemas } from '../../src/raw-schemas';
import { toValidationIssues, type ValidationIssue } from '../../src/validation-issues';
import { sampleEvents } from '../fixtures/events';

type Validator = ((data: unknown) => boolean) & { errors?: Parameters<typeof toValidationIssues>[0] };

/** Ajv compiling the 2020-12 schema at run time, every error collected: the reference. */
function reference(schema: object): Validator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, messages: false });
  addFormats(ajv, ['email', 'date-time']);
  return ajv.compile(schema) as Validator;
}

const issuesOf = (validate: Validator, input: unknown): ValidationIssue[] => (validate(input) ? [] : toValidationIssues(validate.errors));

const ODD_VALUES: readonly unknown[] = [undefined, null, true, 0, -1, 1.5, '', 'x', 'a'.repeat(200), {}, [], 'not-a-time'];

/** The sample, then each field (top level and data) removed or replaced by each odd value, plus unknown and PII names. */
function variantsOf(event: Record<string, unknown>): unknown[] {
  const data = event.data as Record<string, unknown>;
  const variants: unknown[] = [event, { ...event, Correlation: 'x' }, { ...event, data: { ...data, email: 'a@b.c' } }, { ...event, data: [] }];
  for (const value of ODD_VALUES) {
    for (const key of Object.keys(event)) variants.push({ ...event, [key]: value });
    for (const key of Object.keys(data)) variants.push({ ...event, data: { ...data, [key]: value } });
  }
  return variants;
}

describe('the shipped event validation', () => {
  it.each(sampleEvents.map((event) => [event.type, event] as const))('%s: accepts what Ajv accepts, and reports an issue Ajv reports', (type, event) => {
    const ajv = reference(eventSchemas[type]);
    const ajvEnvelope = reference(eventEnvelopeSchema);
    const variants = variantsOf(event as unknown as Record<string, unknown>);
    expect(variants.filter((input) => !ajv(input)).length).toBeGreaterThan(variants.length / 2);
    for (const input of variants) {
      const valid = ajv(input);
      // validateEvent picks the type's part by `type` after the envelope check: another type is never checked against this schema
      if ((input as { type?: unknown }).type !== type) {
        expect(valid).toBe(false);
        continue;
      }
      const result = validateEvent(input);
      expect(result.ok).toBe(valid);
      if (!result.ok) expect([...issuesOf(ajv, input), ...issuesOf(ajvEnvelope, input)]).toContainEqual(result.errors[0]);
    }
  });
});

describe('withSharedFailures', () => {
  it('turns each early exit into a fail call, with braces and quotes inside the params', () => {
    const code =
      'if(a){validate1.errors = [{instancePath:instancePath+"/x\\"y",schemaPath:"",keyword:"pattern",params:{pattern: "^[A-Z]{3}$"}}];return false;}' +
      'if(b){validate1.errors = [{instancePath,schemaPath:"",keyword:"required",params:{missingProperty: missing0}}];return false;}';
    expect(withSharedFailures(code)).toBe(
      'if(a){return runtime.fail(validate1,instancePath+"/x\\"y","pattern",{pattern: "^[A-Z]{3}$"});}' +
        'if(b){return runtime.fail(validate1,instancePath,"required",{missingProperty: missing0});}',
    );
  });

  it('leaves exits of another shape as they are', () => {
    const kept = [
      // an error that keeps its schema path, or carries more than params
      'validate1.errors = [{instancePath,schemaPath:"#/propertyNames/pattern",keyword:"pattern",params:{pattern: "x"}}];return false;',
      'validate1.errors = [{instancePath,schemaPath:"",keyword:"x",params:{},propertyName:key0}];return false;',
      // errors collected, not returned at once
      'validate1.errors = [{instancePath,schemaPath:"",keyword:"type",params:{type: "string"}}];errors++;',
    ].join('');
    expect(withSharedFailures(kept)).toBe(kept);
  });
});

describe('withSharedCollects', () => {
  it('turns each collected error into a collect call, and leaves another shape alone', () => {
    const collected = 'const err3 = {instancePath,schemaPath:"",keyword:"pattern",params:{pattern: "^[a-z]{1,2}$"},message:"must match \\"x\\""};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;';
    expect(withSharedCollects(collected)).toBe('vErrors = runtime.collect(vErrors,{instancePath,schemaPath:"",keyword:"pattern",params:{pattern: "^[a-z]{1,2}$"},message:"must match \\"x\\""});errors++;');
    const other = 'const err4 = {};vErrors = [err4];errors++;';
    expect(withSharedCollects(other)).toBe(other);
  });
});
