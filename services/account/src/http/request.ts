import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ValidationFailedError, type FieldIssue } from '../domain/errors';
import { HttpError } from './problem';

/** The largest body any route needs is well under 1 KB; 16 KB leaves room and keeps errors small. */
export const MAX_BODY_BYTES = 16 * 1024;
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

/** Case-insensitive header lookup (API Gateway keeps the client's casing). */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return undefined;
}

/** Reads a JSON body: content type, size and syntax are checked here, the shape by the schemas. */
export function readJsonBody(event: APIGatewayProxyEvent): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
  const contentType = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(contentType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(contentType))) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.', { Accept: 'application/json' });
  }
  if (bytes.length === 0) throw new ValidationFailedError('The body is empty; send a JSON object.', [{ path: '/', message: 'is required' }]);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ValidationFailedError('The body is not valid JSON.', [{ path: '/', message: 'is not valid JSON' }]);
  }
}

export function accountIdParam(value: string | undefined): string {
  if (value === undefined || !ACCOUNT_ID.test(value)) {
    throw new ValidationFailedError('The account id is not valid.', [
      { path: '/accountId', message: 'must be 1-64 letters, digits, "_" or "-"' },
    ]);
  }
  return value;
}

/** `limit` query parameter: an integer from 1 to 100, default 20. */
export function limitParam(value: string | undefined): number {
  if (value === undefined) return 20;
  const issue: FieldIssue = { path: '/limit', message: 'must be an integer from 1 to 100' };
  if (!/^\d{1,3}$/.test(value)) throw new ValidationFailedError('The limit is not valid.', [issue]);
  const limit = Number(value);
  if (limit < 1 || limit > 100) throw new ValidationFailedError('The limit is not valid.', [issue]);
  return limit;
}

export function idempotencyKeyHeader(event: APIGatewayProxyEvent): string | undefined {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationFailedError('The Idempotency-Key header is not valid.', [
      { path: '/headers/Idempotency-Key', message: 'must be 1-255 printable ASCII characters' },
    ]);
  }
  return key;
}

/** JSON with object keys sorted, so that two equal bodies hash alike whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
