import { ApiProblemError } from '../errors';
import { problemError } from '../core/api-problem';
import type { ApiDocument, RiskApiPort } from '../ports';

export interface HttpRiskApiOptions {
  /** The API's base URL (`ApiUrl` of stack-outputs.json, with or without the stage's trailing slash). */
  readonly baseUrl: string;
  /** An operator's Cognito access token. */
  readonly token: string;
  readonly fetch?: typeof fetch;
}

/** Pages of a listing followed at most this far (5,000 items at the API's largest page). */
const MAX_PAGES = 50;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The operator routes of DESIGN §10 over HTTPS with `Authorization: Bearer <token>`. A non-2xx
 * answer becomes an ApiProblemError with a one-line message; so does an unreachable API.
 *
 * @example
 * const api = new HttpRiskApi({ baseUrl: outputs.ApiUrl, token });
 * await api.freeze('123456789', 'chargeback fraud');
 */
export class HttpRiskApi implements RiskApiPort {
  private readonly base: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpRiskApiOptions) {
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.fetch = options.fetch ?? fetch;
  }

  getPolicy(): Promise<ApiDocument> {
    return this.call('read the risk policy', 'GET', 'risk/policy');
  }

  putPolicy(policy: unknown): Promise<ApiDocument> {
    return this.call('replace the risk policy', 'PUT', 'risk/policy', policy);
  }

  listHolds(status: string | undefined): Promise<ApiDocument[]> {
    return this.all('list holds', 'holds', status ? { status } : {});
  }

  approveHold(holdId: string): Promise<ApiDocument> {
    return this.call(`approve hold ${holdId}`, 'POST', `holds/${encodeURIComponent(holdId)}/approve`);
  }

  declineHold(holdId: string, reason: string): Promise<ApiDocument> {
    return this.call(`decline hold ${holdId}`, 'POST', `holds/${encodeURIComponent(holdId)}/decline`, { reason });
  }

  freeze(accountId: string, reason: string): Promise<ApiDocument> {
    return this.call(`freeze account ${accountId}`, 'POST', `accounts/${encodeURIComponent(accountId)}/freeze`, { reason });
  }

  unfreeze(accountId: string, reason: string | undefined): Promise<ApiDocument> {
    return this.call(`unfreeze account ${accountId}`, 'POST', `accounts/${encodeURIComponent(accountId)}/unfreeze`, reason === undefined ? undefined : { reason });
  }

  listCases(accountId: string | undefined): Promise<ApiDocument[]> {
    return this.all('list risk cases', 'risk/cases', accountId ? { accountId } : {});
  }

  /** Every item of a paged listing (`{items, nextCursor}`), following `cursor`. */
  private async all(operation: string, path: string, query: Readonly<Record<string, string>>): Promise<ApiDocument[]> {
    const items: ApiDocument[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) }).toString();
      const body = await this.call(operation, 'GET', params ? `${path}?${params}` : path);
      const pageItems = Array.isArray(body.items) ? body.items : [];
      items.push(...pageItems.filter(isRecord));
      cursor = typeof body.nextCursor === 'string' && body.nextCursor !== '' ? body.nextCursor : undefined;
      if (!cursor) break;
    }
    return items;
  }

  private async call(operation: string, method: string, path: string, body?: unknown): Promise<ApiDocument> {
    const url = new URL(path, this.base);
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new ApiProblemError(`${operation} failed: could not reach the API at ${url.origin} (${reason}; is the local stack running? npm start)`, 0, 'UNREACHABLE', { cause: err });
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    if (!res.ok) throw problemError(operation, res.status, parsed);
    if (!isRecord(parsed)) throw new ApiProblemError(`${operation} failed: the API answered ${res.status} without a JSON object`, res.status, 'INVALID_RESPONSE');
    return parsed;
  }
}
