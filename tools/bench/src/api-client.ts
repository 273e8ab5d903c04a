import { randomInt } from 'node:crypto';

export interface ApiReply {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

export async function postJson(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiReply> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A phone number and email no other run uses, so sandbox filters never mix runs up. */
export function uniqueContact(): { email: string; phone: string } {
  const n = String(randomInt(0, 10_000_000)).padStart(7, '0');
  return { email: `bench${n}@example.com`, phone: `+1555${n}` };
}

/** Opens an account through the API; channels default to all off so that no notification is sent. */
export async function openAccount(
  apiUrl: string,
  options: { initialDeposit?: number; sms?: boolean; phone?: string } = {},
): Promise<{ accountId: string; phone: string }> {
  const contact = uniqueContact();
  const phone = options.phone ?? contact.phone;
  const res = await postJson(apiUrl, '/accounts', {
    owner: { name: 'Bench Customer', email: contact.email, phone },
    notifications: { email: false, sms: options.sms ?? false, whatsapp: false, push: false },
    ...(options.initialDeposit ? { initialDeposit: options.initialDeposit } : {}),
  });
  const accountId = res.json.accountId;
  if (res.status !== 201 || typeof accountId !== 'string') throw new Error(`could not open an account: HTTP ${res.status}`);
  return { accountId, phone };
}

export async function expectOk(reply: Promise<ApiReply>, what: string): Promise<ApiReply> {
  const r = await reply;
  if (r.status !== 200 && r.status !== 201) throw new Error(`${what} failed: HTTP ${r.status} ${String(r.json.code ?? '')}`);
  return r;
}
