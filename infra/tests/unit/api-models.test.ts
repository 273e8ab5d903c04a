import { readdirSync } from 'node:fs';
import path from 'node:path';
import { API_ROUTES, CHANNELS } from '@bank/topology';
import { API_SCHEMA_DIR, closeEnumeratedNames, loadApiModelSchema, toApiGatewaySchema } from '../../src/api-models';
import { SchemaConversionError } from '../../src/errors';

describe('toApiGatewaySchema', () => {
  it('declares draft-04 and drops 2020-12 identifiers', () => {
    const out = toApiGatewaySchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:x', type: 'object' });
    expect(out).toEqual({ schema: 'http://json-schema.org/draft-04/schema#', type: 'object' });
  });

  it('turns a numeric exclusiveMinimum into minimum plus the draft-04 boolean', () => {
    const out = toApiGatewaySchema({ type: 'object', properties: { amount: { type: 'number', exclusiveMinimum: 0 } } });
    expect(out.properties?.amount).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true });
  });

  it('keeps the stricter bound when minimum and exclusiveMinimum are both given', () => {
    expect(toApiGatewaySchema({ minimum: 5, exclusiveMinimum: 0 })).toMatchObject({ minimum: 5 });
    expect(toApiGatewaySchema({ minimum: 5, exclusiveMinimum: 0 }).exclusiveMinimum).toBeUndefined();
    expect(toApiGatewaySchema({ maximum: 10, exclusiveMaximum: 3 })).toMatchObject({ maximum: 3, exclusiveMaximum: true });
  });

  it('rewrites const as a one-value enum and $defs references as definitions', () => {
    const out = toApiGatewaySchema({ $defs: { id: { type: 'string', const: 'x' } }, properties: { a: { $ref: '#/$defs/id' } } });
    expect(out).toMatchObject({ definitions: { id: { type: 'string', enum: ['x'] } }, properties: { a: { ref: '#/definitions/id' } } });
  });

  it('converts nested schemas in items, combinators and additionalProperties', () => {
    const out = toApiGatewaySchema({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'integer', exclusiveMaximum: 9 } }] } });
    expect(out).toMatchObject({ items: { anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'integer', maximum: 9, exclusiveMaximum: true } }] } });
  });

  it('refuses a validation keyword API Gateway would silently ignore', () => {
    expect(() => toApiGatewaySchema({ type: 'object', properties: { a: { type: 'string', dependentRequired: {} } } })).toThrow(SchemaConversionError);
    expect(() => toApiGatewaySchema({ if: { type: 'string' } })).toThrow(/#\/if/);
  });

  it('refuses a reference to another document', () => {
    expect(() => toApiGatewaySchema({ $ref: 'urn:bank:api:Other' })).toThrow(SchemaConversionError);
  });
});

describe('loadApiModelSchema', () => {
  it('converts every request schema in schemas/api', () => {
    const names = readdirSync(API_SCHEMA_DIR).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(loadApiModelSchema(name).schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(loadApiModelSchema(name, API_SCHEMA_DIR).schema).toBe('http://json-schema.org/draft-04/schema#');
    }
  });

  it('lists the declared channels as the only notification choices', () => {
    const model = loadApiModelSchema('UpdateAccountRequest');
    const notifications = model.properties?.notifications;
    expect(Object.keys(notifications?.properties ?? {})).toEqual(CHANNELS.map((c) => c.name));
    expect(notifications?.additionalProperties).toBe(false);
  });

  it('has a schema for every POST route', () => {
    for (const route of API_ROUTES.filter((r) => r.bodySchema)) expect(() => loadApiModelSchema(route.bodySchema ?? '')).not.toThrow();
  });

  it('names the missing schema when it does not exist', () => {
    expect(() => loadApiModelSchema('NoSuchRequest')).toThrow(/NoSuchRequest not found/);
    expect(() => loadApiModelSchema('NoSuchRequest', API_SCHEMA_DIR)).toThrow(/NoSuchRequest not found/);
  });
});

describe('closeEnumeratedNames', () => {
  it('turns enumerated property names into closed properties, leaving other schemas alone', () => {
    expect(closeEnumeratedNames({ type: 'object', additionalProperties: { type: 'boolean' }, propertyNames: { enum: ['a', 'b'] } })).toEqual({
      type: 'object',
      properties: { a: { type: 'boolean' }, b: { type: 'boolean' } },
      additionalProperties: false,
    });
    expect(closeEnumeratedNames({ type: 'object', propertyNames: { pattern: '^x' } })).toEqual({ type: 'object', propertyNames: { pattern: '^x' } });
  });
});
