import { checkBackwardCompatible } from '../../src/compatibility';

const base = {
  type: 'object',
  required: ['id', 'amount'],
  properties: {
    id: { type: 'string', pattern: '^[a-z]+$', maxLength: 64 },
    amount: { type: 'integer', minimum: 1, maximum: 1000 },
    kind: { type: 'string', enum: ['A', 'B'] },
    source: { type: 'string', const: 'bank.account' },
    note: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 5 },
  },
};

/** A copy of `base` with one property schema replaced. */
const withProperty = (name: string, schema: unknown) => ({ ...base, properties: { ...base.properties, [name]: schema } });

describe('checkBackwardCompatible', () => {
  it('accepts an identical schema', () => {
    expect(checkBackwardCompatible(base, structuredClone(base))).toEqual([]);
  });

  it.each([
    ['adding an optional property', { ...base, properties: { ...base.properties, extra: { type: 'string' } } }],
    ['widening integer to number', withProperty('amount', { type: 'number', minimum: 1, maximum: 1000 })],
    ['adding an enum value', withProperty('kind', { type: 'string', enum: ['A', 'B', 'C'] })],
    ['relaxing bounds', withProperty('amount', { type: 'integer', minimum: 0, maximum: 5000 })],
    ['dropping a pattern', withProperty('id', { type: 'string', maxLength: 64 })],
    ['removing the type of a property', withProperty('note', {})],
    ['editing descriptions', withProperty('note', { type: 'string', description: 'free text' })],
    ['opening additionalProperties', { ...base, additionalProperties: true }],
  ])('allows %s', (_case, next) => {
    expect(checkBackwardCompatible(base, next)).toEqual([]);
  });

  it.each([
    ['removing a property', { ...base, properties: { ...base.properties, note: undefined } }, "/: property 'note' removed"],
    ['making a property required', { ...base, required: ['id', 'amount', 'note'] }, "/: property 'note' became required"],
    ['making a required property optional', { ...base, required: ['id'] }, "/: property 'amount' is no longer required (consumers rely on it)"],
    ['changing a type', withProperty('amount', { type: 'string' }), '/amount: type changed from integer to string'],
    ['narrowing number to integer', { ...base, properties: { ...base.properties, note: { type: 'integer' } } }, '/note: type changed from string to integer'],
    ['removing an enum value', withProperty('kind', { type: 'string', enum: ['A'] }), '/kind: enum value(s) removed: "B"'],
    ['adding an enum', withProperty('note', { type: 'string', enum: ['x'] }), '/note: enum added'],
    ['changing a const', withProperty('source', { type: 'string', const: 'bank.other' }), '/source: const changed from "bank.account" to "bank.other"'],
    ['adding a const', withProperty('note', { type: 'string', const: 'x' }), '/note: const "x" added'],
    ['closing additionalProperties', { ...base, additionalProperties: false }, '/: additionalProperties closed (true → false)'],
    ['raising a minimum', withProperty('amount', { type: 'integer', minimum: 2, maximum: 1000 }), '/amount: minimum raised from 1 to 2'],
    ['lowering a maximum', withProperty('amount', { type: 'integer', minimum: 1, maximum: 999 }), '/amount: maximum lowered from 1000 to 999'],
    ['adding an exclusiveMinimum', withProperty('amount', { type: 'integer', minimum: 1, maximum: 1000, exclusiveMinimum: 5 }), '/amount: exclusiveMinimum 5 added'],
    ['lowering a maxLength', withProperty('id', { type: 'string', pattern: '^[a-z]+$', maxLength: 10 }), '/id: maxLength lowered from 64 to 10'],
    ['adding a minLength', withProperty('note', { type: 'string', minLength: 3 }), '/note: minLength 3 added'],
    ['changing a pattern', withProperty('id', { type: 'string', pattern: '^[a-z0-9]+$', maxLength: 64 }), '/id: pattern changed from "^[a-z]+$" to "^[a-z0-9]+$"'],
    ['adding a format', withProperty('note', { type: 'string', format: 'email' }), '/note: format "email" added'],
    ['changing array items', withProperty('tags', { type: 'array', items: { type: 'integer' }, maxItems: 5 }), '/tags/items: type changed from string to integer'],
    ['lowering maxItems', withProperty('tags', { type: 'array', items: { type: 'string' }, maxItems: 2 }), '/tags: maxItems lowered from 5 to 2'],
    ['adding a multipleOf', withProperty('amount', { type: 'integer', minimum: 1, maximum: 1000, multipleOf: 5 }), '/amount: multipleOf changed from undefined to 5'],
    ['adding an anyOf', { ...base, anyOf: [{ required: ['note'] }] }, '/: anyOf changed (cannot verify; publish a new version)'],
    ['rejecting everything', withProperty('note', false), '/note: no value is valid any more'],
  ])('reports %s', (_case, next, expected) => {
    expect(checkBackwardCompatible(base, JSON.parse(JSON.stringify(next)) as unknown)).toContain(expected);
  });

  it('reports a type added to a property that had none', () => {
    expect(checkBackwardCompatible(withProperty('note', {}), base)).toEqual(['/note: type narrowed to string']);
  });

  it('checks nested objects with their path', () => {
    const previous = { type: 'object', properties: { data: { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } } } };
    const next = { type: 'object', properties: { data: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } };
    expect(checkBackwardCompatible(previous, next)).toEqual(['/data/a: type changed from integer to string']);
  });

  it('allows fewer forbidden property names but not more', () => {
    const forbid = (names: string[]) => ({ type: 'object', propertyNames: { not: { enum: names } } });
    expect(checkBackwardCompatible(forbid(['email', 'phone']), forbid(['email']))).toEqual([]);
    expect(checkBackwardCompatible(forbid(['email']), forbid(['email', 'phone']))).toEqual(['/propertyNames/not: enum value(s) removed: "phone"']);
  });

  it('treats an additionalProperties schema that narrows as breaking', () => {
    const previous = { type: 'object', additionalProperties: { type: 'number' } };
    expect(checkBackwardCompatible(previous, { type: 'object', additionalProperties: { type: 'integer' } })).toEqual(['/*: type changed from number to integer']);
    expect(checkBackwardCompatible({ type: 'object' }, previous)).toEqual(['/: additionalProperties restricted by a schema']);
  });
});
