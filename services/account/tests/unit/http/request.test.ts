import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ValidationFailedError } from '../../../src/domain/errors';
import { HttpError } from '../../../src/http/problem';
import { accountIdParam, canonicalJson, limitParam, readJsonBody } from '../../../src/http/request';

const event = (body: string | null, headers: Record<string, string> = { 'content-type': 'application/json' }, isBase64Encoded = false) =>
  ({ body, headers, isBase64Encoded }) as unknown as APIGatewayProxyEvent;

describe('readJsonBody', () => {
  it('parses JSON sent with a JSON content type, any casing, with parameters', () => {
    expect(readJsonBody(event('{"a":1}', { 'Content-Type': 'application/json; charset=utf-8' }))).toEqual({ a: 1 });
    expect(readJsonBody(event('{"a":1}', { 'content-type': 'application/merge-patch+json' }))).toEqual({ a: 1 });
  });

  it('decodes base64 bodies', () => {
    expect(readJsonBody(event(Buffer.from('{"a":2}').toString('base64'), undefined, true))).toEqual({ a: 2 });
  });

  it('answers 415 for other content types', () => {
    expect(() => readJsonBody(event('{}', { 'content-type': 'text/plain' }))).toThrow(HttpError);
    expect(() => readJsonBody(event('{}', {}))).toThrow(expect.objectContaining({ status: 415 }));
  });

  it('answers 413 above 1 MB, before parsing', () => {
    expect(() => readJsonBody(event('x'.repeat(1024 * 1024 + 1)))).toThrow(expect.objectContaining({ status: 413 }));
  });

  it('reports malformed JSON as a validation failure', () => {
    expect(() => readJsonBody(event('{'))).toThrow(ValidationFailedError);
  });
});

describe('parameters', () => {
  it('accepts plain account ids and rejects anything else', () => {
    expect(accountIdParam('123456789')).toBe('123456789');
    for (const bad of [undefined, '', "1' OR 1=1", 'a/b', 'x'.repeat(65), '<script>']) {
      expect(() => accountIdParam(bad)).toThrow(ValidationFailedError);
    }
  });

  it('reads limit as an integer from 1 to 100, default 20', () => {
    expect(limitParam(undefined)).toBe(20);
    expect(limitParam('100')).toBe(100);
    for (const bad of ['0', '101', '1.5', '-1', 'abc', '']) expect(() => limitParam(bad)).toThrow(ValidationFailedError);
  });
});

describe('canonicalJson', () => {
  it('ignores key order so equal bodies hash alike', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });
});
