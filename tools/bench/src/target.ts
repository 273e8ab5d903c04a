import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createUser, parseStackOutputs, signIn, STACK_OUTPUTS_FILE } from '@bank/bankctl';
import { buildTopology, type Topology } from '@bank/topology';
// @bank/local has no package entry point yet; its stack module is the supported way to start the system in-process.
import { startLocalStack, REPO_ROOT } from '@bank/local';

export { REPO_ROOT };

/** A signed-in customer the benchmarks open accounts for. */
export interface BenchCustomer {
  readonly sub: string;
  readonly phone: string;
  /** The `Authorization` header of their access token. */
  readonly auth: Readonly<Record<string, string>>;
  readonly accessToken: string;
}

let customers = 0;
/** A contact no other customer of this run (or another run on the same stack) has. */
function benchContact(): { email: string; phone: string; name: string } {
  customers++;
  const n = String((Date.now() * 100 + customers) % 10_000_000).padStart(7, '0');
  return { email: `bench-${process.pid}-${Date.now()}-${customers}@example.com`, phone: `+1555${n}`, name: 'Bench Customer' };
}

/** What the benchmarks run against: a local stack this process started, or one already running. */
export interface BenchTarget {
  readonly apiUrl: string;
  readonly sandboxUrl: string;
  readonly endpoint: string;
  readonly region: string;
  readonly accountsTable: string;
  readonly deliveriesTable: string;
  readonly topology: Topology;
  /** The Cognito user pool and app client whose access tokens the API takes. */
  readonly identity: { readonly userPoolId: string; readonly clientId: string };
  /** A new customer with a phone number of their own (verified), signed in; `operator` puts them in the operators' group. */
  newCustomer(options?: { readonly operator?: boolean }): Promise<BenchCustomer>;
  /** `started` when this process owns the stack (and stops it), `attached` for a running one. */
  readonly origin: 'started' | 'attached';
  stop(): Promise<void>;
}

const quietLog = { info: () => undefined, warn: () => undefined };

/**
 * The policy cache as deployed (30 s; `npm start` uses 0 so an operator's change shows at once):
 * the API's throughput is measured as it runs in AWS, reading the policy item at most every 30 s.
 */
const DEPLOYED_ENV = { RISK_POLICY_MAX_AGE_SECONDS: '30' };

export async function startTarget(): Promise<BenchTarget> {
  const stack = await startLocalStack({ port: 0, sandboxPort: 0, smtpPort: 0, seedDemo: false, writeStackFile: false, log: quietLog, env: DEPLOYED_ENV });
  return {
    async newCustomer(options = {}) {
      const contact = benchContact();
      const user = await stack.createUser({ ...contact, ...(options.operator ? { operator: true } : {}) });
      return { sub: user.sub, phone: contact.phone, accessToken: user.accessToken, auth: { Authorization: `Bearer ${user.accessToken}` } };
    },
    identity: { userPoolId: stack.userPoolId, clientId: stack.clientId },
    apiUrl: stack.apiUrl,
    sandboxUrl: stack.sandboxUrl,
    endpoint: stack.endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    accountsTable: stack.resources.accountsTable,
    deliveriesTable: stack.resources.deliveriesTable,
    topology: stack.topology,
    origin: 'started',
    stop: () => stack.stop(),
  };
}

/** Uses the stack `npm start` is running (it writes stack-outputs.json); table names are the topology's. */
export async function attachTarget(file = path.join(REPO_ROOT, STACK_OUTPUTS_FILE)): Promise<BenchTarget> {
  if (!existsSync(file)) throw new Error(`no running stack: ${file} does not exist (start one with \`npm start\`)`);
  const outputs = parseStackOutputs(readFileSync(file, 'utf8'), file);
  const endpoint = outputs.AwsEndpointUrl;
  if (!endpoint || !outputs.SandboxUrl) throw new Error(`${file} is not a local stack's (no emulator or sandbox URL)`);
  const topology = buildTopology();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: outputs.Region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    USER_POOL_ID: outputs.UserPoolId,
    USER_POOL_CLIENT_ID: outputs.UserPoolClientId,
  });
  const cognito = new CognitoIdentityProviderClient({ endpoint, region: outputs.Region });
  return {
    async newCustomer(options = {}) {
      const contact = benchContact();
      const { sub, password } = await createUser(cognito, outputs.UserPoolId, { ...contact, ...(options.operator ? { operator: true } : {}) });
      const { accessToken } = await signIn(cognito, outputs.UserPoolClientId, contact.email, password);
      return { sub, phone: contact.phone, accessToken, auth: { Authorization: `Bearer ${accessToken}` } };
    },
    identity: { userPoolId: outputs.UserPoolId, clientId: outputs.UserPoolClientId },
    apiUrl: outputs.ApiUrl,
    sandboxUrl: outputs.SandboxUrl,
    endpoint,
    region: outputs.Region,
    accountsTable: topology.accountsTable.name,
    deliveriesTable: topology.deliveriesTable.name,
    topology,
    origin: 'attached',
    stop: async () => cognito.destroy(),
  };
}
