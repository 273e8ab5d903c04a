import type { BenchCustomer, BenchTarget } from './target';

export interface ApiReply {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

export async function sendJson(baseUrl: string, method: string, path: string, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<ApiReply> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

export function postJson(baseUrl: string, path: string, body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<ApiReply> {
  return sendJson(baseUrl, 'POST', path, body, headers);
}

/**
 * Opens an account of the bench customer through the API; every channel is off unless asked for,
 * so that no notification is sent.
 */
export async function openAccount(
  target: Pick<BenchTarget, 'apiUrl' | 'topology'>,
  customer: BenchCustomer,
  options: { initialDeposit?: number; sms?: boolean } = {},
): Promise<{ accountId: string; phone: string; auth: Readonly<Record<string, string>> }> {
  const notifications = Object.fromEntries(target.topology.channels.map((c) => [c.name, c.name === 'sms' && options.sms === true]));
  const res = await postJson(
    target.apiUrl,
    '/accounts',
    { notifications, ...(options.initialDeposit ? { initialDeposit: options.initialDeposit } : {}) },
    customer.auth,
  );
  const accountId = res.json.accountId;
  if (res.status !== 201 || typeof accountId !== 'string') throw new Error(`could not open an account: HTTP ${res.status} ${String(res.json.code ?? '')}`);
  return { accountId, phone: customer.phone, auth: customer.auth };
}

export async function expectOk(reply: Promise<ApiReply>, what: string): Promise<ApiReply> {
  const r = await reply;
  if (r.status !== 200 && r.status !== 201) throw new Error(`${what} failed: HTTP ${r.status} ${String(r.json.code ?? '')}`);
  return r;
}
