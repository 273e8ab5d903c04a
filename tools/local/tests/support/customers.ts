import type { LocalStack, SignedInUser } from '../../src/stack';

/** How the local-stack suites call the API: signed in, as an operator unless a token is given. */

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
}

const operators = new WeakMap<LocalStack, Promise<SignedInUser>>();
let counter = 0;

/** A unique number per call in this process, for contacts that no other test uses. */
function nextTag(): string {
  counter++;
  return `${process.pid % 1000}${counter}`.padStart(7, '0').slice(-7);
}

/** One operator per stack, created on first use: operators may read and move money on any account. */
export function operatorOf(stack: LocalStack): Promise<SignedInUser> {
  let operator = operators.get(stack);
  if (!operator) {
    operator = stack.createUser({ email: `ops${nextTag()}@example.com`, name: 'Test Operator', operator: true });
    operators.set(stack, operator);
  }
  return operator;
}

/** Calls the API with `token`, or as the stack's operator; `token: null` sends no Authorization header. */
export async function callApi(
  stack: LocalStack,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token?: string | null,
): Promise<ApiResponse> {
  const bearer = token === null ? undefined : (token ?? (await operatorOf(stack)).accessToken);
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { unparsable: text };
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', headers: res.headers, json };
}

export interface TestCustomer extends SignedInUser {
  readonly phone: string;
  readonly accountId: string;
}

export interface CustomerOptions {
  readonly initialDeposit?: number;
  readonly name?: string;
  /** The identity's phone number stays unverified. */
  readonly phoneUnverified?: boolean;
  readonly headers?: Record<string, string>;
}

/**
 * A new customer (a Cognito user with contacts unique to this test, verified) who opens an
 * account with exactly the given channels on, signed in with their own token.
 */
export async function openCustomerAccount(
  stack: LocalStack,
  channels: Readonly<Record<string, boolean>>,
  options: CustomerOptions = {},
): Promise<TestCustomer> {
  const tag = nextTag();
  const phone = `+1555${tag}`;
  const user = await stack.createUser({
    email: `c${tag}@example.com`,
    phone,
    name: options.name ?? 'Test Customer',
    phoneUnverified: options.phoneUnverified,
  });
  const notifications = Object.fromEntries(stack.topology.channels.map((c) => [c.name, channels[c.name] === true]));
  const body = { notifications, ...(options.initialDeposit ? { initialDeposit: options.initialDeposit } : {}) };
  const res = await callApi(stack, 'POST', '/accounts', body, options.headers ?? {}, user.accessToken);
  if (res.status !== 201) throw new Error(`could not open an account: HTTP ${res.status} ${JSON.stringify(res.json)}`);
  return { ...user, phone, accountId: String(res.json.accountId) };
}
