import { matchRoutePath } from '@bank/topology';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { CallbackInput, CallbackResult } from './handle-callback';

/** The route this service serves (the route table's `/webhooks/{provider}`). */
export const CALLBACK_ROUTE = '/webhooks/{provider}';

/** A problem's detail quotes at most this much, whatever the input. */
const MAX_DETAIL = 300;

function lowerCaseHeaders(event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    const first = values?.[0];
    if (headers[name.toLowerCase()] === undefined && typeof first === 'string') headers[name.toLowerCase()] = first;
  }
  return headers;
}

function queryOf(event: Pick<APIGatewayProxyEvent, 'multiValueQueryStringParameters'>): string {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) for (const value of values ?? []) params.append(name, value);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/**
 * The callback in an API Gateway proxy event: the provider from the path, the exact public URL
 * (`publicApiUrl` + the path API Gateway gives, which leaves out the stage), the headers and the
 * raw body. Undefined when the path is not a callback route.
 */
export function callbackInputOf(event: APIGatewayProxyEvent, publicApiUrl: string): CallbackInput | undefined {
  const params = matchRoutePath(CALLBACK_ROUTE, event.path);
  const provider = params?.provider;
  if (!provider) return undefined;
  const body = event.body ?? '';
  const raw = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  return {
    provider,
    url: `${publicApiUrl.replace(/\/+$/, '')}${event.path}${queryOf(event)}`,
    headers: lowerCaseHeaders(event),
    rawBody: raw.toString('utf8'),
    bodyBytes: raw.length,
  };
}

/** An RFC 9457 problem document as the account API writes them, bounded in size. */
export function problemResponse(status: number, code: string, detail: string): APIGatewayProxyResult {
  const bounded = detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail;
  const slug = code.toLowerCase().replaceAll('_', '-');
  return {
    statusCode: status,
    headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: `urn:bank:problem:${slug}`, title: slug.replaceAll('-', ' '), status, detail: bounded, code }),
  };
}

/** When a provider should send a callback again whose deliveries were still at the provider. */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 30;

/**
 * 204 for an accepted callback (providers want any 2xx); 503 with `Retry-After` when some reports
 * name deliveries not recorded SENT yet (providers that retry send it again; what was applied
 * reads as a duplicate then); a problem otherwise.
 */
export function toResponse(result: CallbackResult): APIGatewayProxyResult {
  if (result.kind === 'accepted') return { statusCode: 204, headers: {}, body: '' };
  if (result.kind === 'in-flight') {
    const response = problemResponse(503, 'DELIVERY_IN_FLIGHT', 'Some reports are for messages not recorded yet; retry later.');
    return { ...response, headers: { ...response.headers, 'Retry-After': String(IN_FLIGHT_RETRY_AFTER_SECONDS) } };
  }
  return problemResponse(result.status, result.code, result.detail);
}
