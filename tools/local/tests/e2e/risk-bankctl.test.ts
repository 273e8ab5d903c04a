import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderStackOutputs, run } from '@bank/bankctl';
import { DEFAULT_RISK_POLICY, toRiskPolicyDocument, type RiskPolicy } from '@bank/risk-policy';
import type { LocalStack, SignedInUser } from '../../src/stack';
import { openCustomerAccount, operatorOf, post, startTestStack } from './helpers';

// The operator's side of DESIGN §10 the way an operator runs it: bankctl, signed in with --as,
// the API's URL from a stack-outputs.json, against the local stack.
let stack: LocalStack;
let operator: SignedInUser;
let dir: string;
let stackFile: string;

beforeAll(async () => {
  stack = await startTestStack();
  operator = await operatorOf(stack);
  dir = mkdtempSync(path.join(tmpdir(), 'risk-bankctl-'));
  stackFile = path.join(dir, 'stack-outputs.json');
  writeFileSync(stackFile, renderStackOutputs(stack.outputs));
});

afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

/** `bankctl risk …` as the stack's operator (`--as`, password in BANKCTL_PASSWORD) unless the arguments give a --token. */
async function risk(...args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const signIn = args.includes('--token') ? [] : ['--as', operator.email];
  const code = await run(['risk', ...args, ...signIn], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { BANK_STACK_FILE: stackFile, BANKCTL_PASSWORD: operator.password, AWS_REGION: stack.region },
  });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    // a table
  }
  return { code, stdout, stderr, json };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setPolicy(policy: RiskPolicy): Promise<void> {
  const file = path.join(dir, `policy-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(toRiskPolicyDocument(policy)));
  const res = await risk('policy', 'set', file, '--json');
  expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
}

describe('bankctl risk on the local stack', () => {
  it('policy get prints the policy in force', async () => {
    const res = await risk('policy', 'get', '--json');
    expect(res.code).toBe(0);
    expect(res.json).toMatchObject(toRiskPolicyDocument(DEFAULT_RISK_POLICY));
    const table = await risk('policy');
    expect(table.stdout).toMatch(/patterns\.passThrough\.minDeposit\s+1000/);
  });

  it('policy set refuses nonsense field by field and changes nothing', async () => {
    const file = path.join(dir, 'bad-policy.json');
    writeFileSync(file, JSON.stringify({ ...toRiskPolicyDocument(DEFAULT_RISK_POLICY), reviewAmount: -5 }));
    const res = await risk('policy', 'set', file);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^bankctl: replace the risk policy failed \(400 VALIDATION_FAILED\): invalid request: \/reviewAmount /);
    expect((await risk('policy', '--json')).json.reviewAmount).toBe(10000);
  });

  it('freeze refuses debits until unfreeze', async () => {
    const { accountId } = await openCustomerAccount(stack, {}, { initialDeposit: 100 });
    const frozen = await risk('freeze', accountId, '--reason', 'e2e: suspected mule', '--json');
    expect({ code: frozen.code, status: frozen.json.status }).toEqual({ code: 0, status: 'FROZEN' });
    expect((await post(stack, '/withdraw', { accountId, amount: 10 })).json.code).toBe('ACCOUNT_FROZEN');

    const open = await risk('unfreeze', accountId);
    expect(open.stdout).toBe(`account ${accountId} OPEN\n`);
    expect((await post(stack, '/withdraw', { accountId, amount: 10 })).status).toBe(200);
  });

  it('holds lists a held debit; approve posts it once, a second decision is refused', async () => {
    // New accounts may not debit $10,000 at all (newAccount cap): turn the cap off for this one.
    await setPolicy({ ...DEFAULT_RISK_POLICY, newAccount: { ...DEFAULT_RISK_POLICY.newAccount, days: 0 } });
    try {
      const { accountId } = await openCustomerAccount(stack, {}, { initialDeposit: 30_000 });
      const held = await post(stack, '/withdraw', { accountId, amount: 12_000 });
      expect(held.status).toBe(202);
      const holdId = String(held.json.holdId);

      const pending = await risk('holds', '--status', 'PENDING', '--json');
      expect(pending.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ holdId, accountId, amount: 12000, status: 'PENDING' })]));
      const approved = await risk('approve', holdId);
      expect(approved.stdout).toMatch(new RegExp(`^hold ${holdId} APPROVED \\(account ${accountId}, 12000\\.00`));
      const again = await risk('approve', holdId);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`approve hold ${holdId} failed (409 HOLD_ALREADY_DECIDED): already decided`);

      const second = await post(stack, '/withdraw', { accountId, amount: 11_000 });
      const declined = await risk('decline', String(second.json.holdId), '--reason', 'e2e: not confirmed', '--json');
      expect(declined.json).toMatchObject({ status: 'DECLINED' });
      expect((await risk('holds', '--status', 'DECLINED', '--json')).json.items).toEqual(expect.arrayContaining([expect.objectContaining({ holdId: second.json.holdId })]));
    } finally {
      await setPolicy(DEFAULT_RISK_POLICY);
    }
  });

  it('holds --status EXPIRED shows a hold the local sweep declined by itself, its money available again', async () => {
    // The shortest expiry a policy allows (a minute), fixed on the hold when it is made.
    await setPolicy({ ...DEFAULT_RISK_POLICY, holdExpiryMinutes: 1, newAccount: { ...DEFAULT_RISK_POLICY.newAccount, days: 0 } });
    let holdId: string;
    let accountId: string;
    try {
      ({ accountId } = await openCustomerAccount(stack, {}, { initialDeposit: 20_000 }));
      const held = await post(stack, '/withdraw', { accountId, amount: 15_000 });
      expect(held.status).toBe(202);
      holdId = String(held.json.holdId);
    } finally {
      await setPolicy(DEFAULT_RISK_POLICY);
    }
    const deadline = Date.now() + 80_000;
    let expired: Result = await risk('holds', '--status', 'EXPIRED', '--json');
    while (!(expired.json.items as Array<{ holdId: string }>).some((h) => h.holdId === holdId) && Date.now() < deadline) {
      await sleep(1000);
      expired = await risk('holds', '--status', 'EXPIRED', '--json');
    }
    expect(expired.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ holdId, accountId, status: 'EXPIRED' })]));
    const account = (await (await fetch(`${stack.apiUrl}/accounts/${accountId}`, { headers: { Authorization: `Bearer ${operator.accessToken}` } })).json()) as Record<string, unknown>;
    expect(account).toMatchObject({ balance: 20000, availableBalance: 20000 });
  }, 120_000);

  it('cases shows the case of a pass-through', async () => {
    const { accountId } = await openCustomerAccount(stack, {});
    await post(stack, '/deposit', { accountId, amount: 1000 });
    await post(stack, '/withdraw', { accountId, amount: 990 });
    let cases: Result = await risk('cases', '--account', accountId, '--json');
    for (let i = 0; i < 50 && (cases.json.items as unknown[] | undefined)?.length === 0; i++) {
      await sleep(200);
      cases = await risk('cases', '--account', accountId, '--json');
    }
    expect(cases.json.items).toEqual([expect.objectContaining({ accountId, pattern: 'pass-through', status: 'OPEN' })]);
    expect((await risk('cases', '--account', accountId)).stdout).toMatch(new RegExp(`${accountId}\\s+pass-through\\s+\\S+\\s+OPEN`));
  });

  it("a customer's token is told it needs an operator's", async () => {
    const customer = await openCustomerAccount(stack, {});
    const res = await risk('cases', '--token', customer.accessToken);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^bankctl: list risk cases failed \(403 FORBIDDEN\): needs an operator's access token/);
  });
});
