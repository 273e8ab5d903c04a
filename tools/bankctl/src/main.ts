import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildTopology } from '@bank/topology';
import { Command, CommanderError, type OptionValues } from 'commander';
import { clientConfig, createClients, type AwsClients } from './aws/clients';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createUser, signIn } from './aws/cognito-users';
import { awsCall } from './aws/translate-error';
import { DynamoDeliveryRecords } from './aws/delivery-records';
import { EventBridgeReplays } from './aws/event-replays';
import { SqsQueues } from './aws/sqs-queues';
import { noProgress, type DlqContext, type EventsContext, type Output, type ProgressFactory } from './commands/context';
import { deliveriesShow, type DeliveriesContext } from './commands/deliveries-show';
import { dlqList } from './commands/dlq-list';
import { dlqPurge, purgeNeedsConfirmation } from './commands/dlq-purge';
import { dlqReplay } from './commands/dlq-replay';
import { dlqShow } from './commands/dlq-show';
import { eventsReplay, validateReplayOptions } from './commands/events-replay';
import { eventsReplays } from './commands/events-replays';
import { riskApprove, riskCases, riskDecline, riskFreeze, riskHolds, riskPolicyGet, riskPolicySet, riskUnfreeze, type RiskContext } from './commands/risk';
import { login, usersCreate, type UsersContext } from './commands/users';
import { parseStackOutputs, STACK_OUTPUTS_FILE, type StackOutputs } from './core/stack-outputs';
import { parseDuration, parseIsoTime } from './core/duration';
import type { MessageFilter } from './core/filters';
import { parsePositiveInt, parseRate, systemClock, type Clock } from './core/rate';
import { channelResources, eventResources, type ChannelResources } from './core/resources';
import { resolveTarget, type AwsTarget } from './core/target';
import { resolveToken } from './core/token';
import { HttpRiskApi } from './http/risk-api';
import { BankctlError, EXIT_OPERATIONAL, EXIT_USAGE, LocalStackNotFoundError, UsageError } from './errors';
import { terminalProgress } from './progress';

export interface TextSink {
  write(text: string): unknown;
}

/** What `run` reads and writes instead of the process, so tests can drive the CLI in-process. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Progress bar factory (the real one only when stdout is a terminal); none by default. */
  readonly progress?: ProgressFactory;
  readonly clock?: Clock;
}

/** The repository root (tools/bankctl/src → ../../..): `stack-outputs.json` lives there. */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');

function stackFileOf(env: CliIo['env']): string {
  return env.BANK_STACK_FILE ?? join(REPO_ROOT, STACK_OUTPUTS_FILE);
}

function readStackOutputs(file: string): StackOutputs {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LocalStackNotFoundError(file, { cause: err });
  }
  return parseStackOutputs(content, file);
}

function str(opts: OptionValues, key: string): string | undefined {
  const value: unknown = opts[key];
  return typeof value === 'string' ? value : undefined;
}

function flag(opts: OptionValues, key: string): boolean {
  return opts[key] === true;
}

function filterOf(opts: OptionValues): MessageFilter {
  const olderThan = str(opts, 'olderThan');
  return { type: str(opts, 'type'), accountId: str(opts, 'account'), olderThanMs: olderThan === undefined ? undefined : parseDuration(olderThan) };
}

function outputOf(io: CliIo): Output {
  return {
    line: (text) => io.stdout.write(`${text}\n`),
    json: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (text) => io.stderr.write(`${text}\n`),
  };
}

class Session {
  private clients: AwsClients | undefined;
  target: AwsTarget | undefined;
  exitCode = 0;

  constructor(private readonly io: CliIo) {}

  connect(opts: OptionValues): AwsClients {
    this.clients = createClients(this.resolve(opts));
    return this.clients;
  }

  private resolve(opts: OptionValues): AwsTarget {
    const flags = { endpoint: str(opts, 'endpoint'), region: str(opts, 'region'), profile: str(opts, 'profile'), aws: flag(opts, 'aws') };
    this.target = resolveTarget(flags, this.io.env, () => {
      const outputs = readStackOutputs(stackFileOf(this.io.env));
      return { region: outputs.Region, ...(outputs.AwsEndpointUrl ? { endpoint: outputs.AwsEndpointUrl } : {}) };
    });
    return this.target;
  }

  /** The user pool named by `--user-pool-id`/`--client-id` or by stack-outputs.json. */
  usersContext(opts: OptionValues): UsersContext {
    const target = this.resolve(opts);
    const given = { pool: str(opts, 'userPoolId'), client: str(opts, 'clientId') };
    const outputs = given.pool && given.client ? undefined : readStackOutputs(stackFileOf(this.io.env));
    const userPoolId = given.pool ?? outputs?.UserPoolId ?? '';
    const clientId = given.client ?? outputs?.UserPoolClientId ?? '';
    const cognito = new CognitoIdentityProviderClient(clientConfig(target));
    this.cleanups.push(() => cognito.destroy());
    return {
      identity: {
        createUser: (user) => awsCall('create user', () => createUser(cognito, userPoolId, user)),
        signIn: (email, password) => awsCall('sign in', () => signIn(cognito, clientId, email, password)),
      },
      output: outputOf(this.io),
    };
  }

  /** The HTTP API of stack-outputs.json with an operator's token (`--token`, `--as`, `BANKCTL_TOKEN`). */
  async riskContext(opts: OptionValues): Promise<RiskContext> {
    const token = await resolveToken({ token: str(opts, 'token'), as: str(opts, 'as') }, this.io.env, async (email, password) => {
      return (await this.usersContext(opts).identity.signIn(email, password)).accessToken;
    });
    const outputs = readStackOutputs(stackFileOf(this.io.env));
    return { api: new HttpRiskApi({ baseUrl: outputs.ApiUrl, token }), output: outputOf(this.io) };
  }

  channelResources(opts: OptionValues): ChannelResources {
    return channelResources(buildTopology(), str(opts, 'channel') ?? '', this.io.env.BANK_RESOURCE_SUFFIX ?? '');
  }

  dlqContext(opts: OptionValues): DlqContext {
    const resources = this.channelResources(opts);
    const clients = this.connect(opts);
    const local = this.target?.kind === 'local';
    return {
      // One moto process has no sampling to defeat; AWS needs long polling to see every server.
      queues: new SqsQueues(clients.sqs, local ? 0 : 1),
      records: new DynamoDeliveryRecords(clients.dynamo, resources.deliveriesTable),
      resources,
      output: outputOf(this.io),
      progress: flag(opts, 'json') ? noProgress : (this.io.progress ?? noProgress),
      clock: this.io.clock ?? systemClock,
      local,
    };
  }

  deliveriesContext(opts: OptionValues): DeliveriesContext {
    const topology = buildTopology();
    const clients = this.connect(opts);
    const suffix = this.io.env.BANK_RESOURCE_SUFFIX ?? '';
    return {
      records: new DynamoDeliveryRecords(clients.dynamo, `${topology.deliveriesTable.name}${suffix}`),
      channels: topology.channels.map((c) => c.name),
      output: outputOf(this.io),
    };
  }

  eventsContext(opts: OptionValues): EventsContext {
    const clients = this.connect(opts);
    return {
      replays: new EventBridgeReplays(clients.events),
      resources: eventResources(buildTopology(), this.io.env.BANK_RESOURCE_SUFFIX ?? ''),
      output: outputOf(this.io),
      clock: this.io.clock ?? systemClock,
    };
  }

  private readonly cleanups: (() => void)[] = [];

  close(): void {
    this.clients?.destroy();
    for (const cleanup of this.cleanups) cleanup();
  }
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function withFilters(command: Command): Command {
  return command
    .option('--type <type>', 'only this event type, e.g. MoneyDeposited')
    .option('--account <id>', 'only this account id')
    .option('--older-than <duration>', 'only failures older than this: 30s, 15m, 1h, 2d');
}

function buildProgram(io: CliIo, session: Session): Command {
  const program = new Command('bankctl')
    .description('Operator CLI of the checking-accounts system: users, dead-letter queues, event replays and risk operations')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) })
    .option('--endpoint <url>', 'AWS API endpoint of an emulator (dummy credentials)')
    .option('--region <region>', 'AWS region (implies AWS unless --endpoint is given)')
    .option('--profile <name>', 'AWS profile of the standard credential chain (implies AWS)')
    .option('--aws', 'use AWS through the standard credential chain instead of the local stack');

  const act =
    (handler: (opts: OptionValues) => Promise<number>) =>
    async (_opts: OptionValues, command: Command): Promise<void> => {
      session.exitCode = await handler(command.optsWithGlobals());
    };

  const dlq = program.command('dlq').description("inspect, replay and purge a channel's dead-letter queue");
  const channelHelp = `channel: ${buildTopology().channels.map((c) => c.name).join('|')}`;

  withFilters(dlq.command('list').description('list the messages in a DLQ (they stay there)').requiredOption('--channel <name>', channelHelp))
    .option('--json', 'print JSON')
    .action(
      act((o) => {
        const options = { filter: filterOf(o), json: flag(o, 'json') };
        return dlqList(session.dlqContext(o), options);
      }),
    );

  dlq
    .command('show')
    .description('show one DLQ message whole, decoded')
    .requiredOption('--channel <name>', channelHelp)
    .requiredOption('--id <eventId>', 'event id (or SQS message id)')
    .option('--json', 'print JSON')
    .action(act((o) => dlqShow(session.dlqContext(o), { id: str(o, 'id') ?? '', json: flag(o, 'json') })));

  withFilters(dlq.command('replay').description("move messages back to the channel's queue (or --to-queue)").requiredOption('--channel <name>', channelHelp))
    .option('--max <n>', 'replay at most n messages (oldest failures first)')
    .option('--rate <n/s>', 'at most n messages per second, e.g. 10/s')
    .option('--dry-run', 'show what would move; change nothing')
    .option('--to-queue <url>', 'target queue URL instead of the channel queue')
    .option('--move-task', 'AWS only, whole DLQ: server-side SQS StartMessageMoveTask (no replay-count)')
    .option('--json', 'print a JSON summary')
    .action(
      act((o) => {
        const max = str(o, 'max');
        const rate = str(o, 'rate');
        const options = {
          filter: filterOf(o),
          max: max === undefined ? undefined : parsePositiveInt(max, '--max'),
          ratePerSecond: rate === undefined ? undefined : parseRate(rate),
          dryRun: flag(o, 'dryRun'),
          toQueueUrl: str(o, 'toQueue'),
          moveTask: flag(o, 'moveTask'),
          json: flag(o, 'json'),
        };
        return dlqReplay(session.dlqContext(o), options);
      }),
    );

  withFilters(dlq.command('purge').description('delete messages from a DLQ (needs --yes)').requiredOption('--channel <name>', channelHelp))
    .option('--yes', 'really delete')
    .option('--json', 'print JSON')
    .action(
      act((o) => {
        const options = { filter: filterOf(o), yes: flag(o, 'yes'), json: flag(o, 'json') };
        if (!options.yes) throw purgeNeedsConfirmation(session.channelResources(o));
        return dlqPurge(session.dlqContext(o), options);
      }),
    );

  program
    .command('deliveries')
    .description("notifications' delivery records")
    .command('show')
    .description("every channel's delivery of an event: status (as the provider reported it), provider ids, errors")
    .argument('<eventId>', 'the event id (a money event\'s is its transaction id)')
    .option('--json', 'print JSON')
    .action(async (eventId: string, _opts: OptionValues, command: Command): Promise<void> => {
      const o = command.optsWithGlobals();
      session.exitCode = await deliveriesShow(session.deliveriesContext(o), { eventId, json: flag(o, 'json') });
    });

  const events = program.command('events').description('EventBridge archive replays');
  events
    .command('replay')
    .description('replay archived events of a time window onto the bus')
    .requiredOption('--from <iso>', 'window start, ISO 8601')
    .requiredOption('--to <iso>', 'window end, ISO 8601')
    .option('--rule <name>', 'deliver only to this rule of the bus (repeatable)', collect, [])
    .option('--type <type>', 'not supported: EventBridge replays filter by rule, not by event type')
    .option('--name <name>', 'replay name (default: bankctl-<time>-<random>)')
    .option('--json', 'print JSON')
    .action(
      act((o) => {
        const rules: unknown = o.rule;
        const options = {
          from: parseIsoTime(str(o, 'from') ?? '', '--from'),
          to: parseIsoTime(str(o, 'to') ?? '', '--to'),
          rules: Array.isArray(rules) ? rules.filter((r): r is string => typeof r === 'string') : [],
          type: str(o, 'type'),
          name: str(o, 'name'),
          json: flag(o, 'json'),
        };
        validateReplayOptions(options);
        return eventsReplay(session.eventsContext(o), options);
      }),
    );
  events
    .command('replays')
    .description('list archive replays and their state')
    .option('--json', 'print JSON')
    .action(act((o) => eventsReplays(session.eventsContext(o), { json: flag(o, 'json') })));

  const users = program.command('users').description('customers and operators in the user pool (Cognito admin API)');
  users
    .command('create')
    .description('create a user with verified contacts and a permanent password, and print an access token')
    .requiredOption('--email <email>', 'email address (the sign-in name)')
    .option('--phone <e164>', 'phone number, E.164 (+15555550123)')
    .option('--name <name>', 'display name')
    .option('--operator', 'add to the operators group')
    .option('--password <password>', 'password (default: a generated one, printed once)')
    .option('--unverified-phone', 'leave the phone number unverified')
    .option('--user-pool-id <id>', 'user pool (default: from stack-outputs.json)')
    .option('--client-id <id>', 'app client (default: from stack-outputs.json)')
    .option('--json', 'print JSON')
    .action(
      act((o) =>
        usersCreate(session.usersContext(o), {
          email: str(o, 'email') ?? '',
          phone: str(o, 'phone'),
          name: str(o, 'name'),
          operator: flag(o, 'operator'),
          password: str(o, 'password'),
          phoneUnverified: flag(o, 'unverifiedPhone'),
          json: flag(o, 'json'),
        }),
      ),
    );

  program
    .command('login')
    .description('sign in and print a fresh access token (for Authorization: Bearer)')
    .argument('<email>', 'the email address you sign in with')
    .option('--password <password>', 'password (default: the BANKCTL_PASSWORD environment variable)')
    .option('--user-pool-id <id>', 'user pool (default: from stack-outputs.json)')
    .option('--client-id <id>', 'app client (default: from stack-outputs.json)')
    .option('--json', 'print JSON with the refresh token too')
    .action(
      async (email: string, _opts: OptionValues, command: Command): Promise<void> => {
        const o = command.optsWithGlobals();
        session.exitCode = await login(session.usersContext(o), { email, password: str(o, 'password') ?? io.env.BANKCTL_PASSWORD, json: flag(o, 'json') });
      },
    );

  addRiskCommands(program, session);
  return program;
}

/** Reads the policy document of `risk policy set FILE`. */
function readJsonFile(file: string): unknown {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  try {
    return JSON.parse(content) as unknown;
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function addRiskCommands(program: Command, session: Session): void {
  const risk = program.command('risk').description('holds, freezes, cases and the risk policy, through the HTTP API with an operator access token');
  const riskCommand = (parent: Command, name: string, description: string, options: { isDefault?: boolean } = {}): Command =>
    parent
      .command(name, options)
      .description(description)
      .option('--token <token>', 'operator access token (default: BANKCTL_TOKEN)')
      .option('--as <email>', 'sign in as this operator, password from BANKCTL_PASSWORD')
      .option('--json', 'print JSON');
  /** Runs `handler` with the command's positional arguments, its options and a connected context. */
  const act =
    (handler: (ctx: RiskContext, args: readonly string[], o: OptionValues) => Promise<number>) =>
    async (...params: unknown[]): Promise<void> => {
      const command = params[params.length - 1] as Command;
      const o = command.optsWithGlobals();
      session.exitCode = await handler(await session.riskContext(o), command.args, o);
    };
  const arg = (args: readonly string[]): string => args[0] ?? '';

  const policy = risk.command('policy').description('read or replace the risk policy (DESIGN §10 fields, amounts in major units)');
  riskCommand(policy, 'get', 'print the policy in force', { isDefault: true }).action(act((ctx, _args, o) => riskPolicyGet(ctx, { json: flag(o, 'json') })));
  riskCommand(policy, 'set', 'replace the policy with a JSON file (the whole document)')
    .argument('<file>', 'policy document, JSON')
    .action(act((ctx, args, o) => riskPolicySet(ctx, { policy: readJsonFile(arg(args)), json: flag(o, 'json') })));
  riskCommand(risk, 'holds', 'list review holds')
    .option('--status <status>', 'PENDING|APPROVED|DECLINED|EXPIRED')
    .action(act((ctx, _args, o) => riskHolds(ctx, { status: str(o, 'status'), json: flag(o, 'json') })));
  riskCommand(risk, 'approve', 'approve a pending hold: the debit is posted')
    .argument('<holdId>', 'hold id')
    .action(act((ctx, args, o) => riskApprove(ctx, { holdId: arg(args), json: flag(o, 'json') })));
  riskCommand(risk, 'decline', 'decline a pending hold: the money is released')
    .argument('<holdId>', 'hold id')
    .requiredOption('--reason <text>', 'why (recorded; the customer is told the debit was declined)')
    .action(act((ctx, args, o) => riskDecline(ctx, { holdId: arg(args), reason: str(o, 'reason'), json: flag(o, 'json') })));
  riskCommand(risk, 'freeze', 'freeze an account: withdrawals and outgoing transfers are refused')
    .argument('<accountId>', 'account id')
    .requiredOption('--reason <text>', 'why (recorded with the change)')
    .action(act((ctx, args, o) => riskFreeze(ctx, { accountId: arg(args), reason: str(o, 'reason'), json: flag(o, 'json') })));
  riskCommand(risk, 'unfreeze', 'unfreeze an account')
    .argument('<accountId>', 'account id')
    .option('--reason <text>', 'why (recorded with the change)')
    .action(act((ctx, args, o) => riskUnfreeze(ctx, { accountId: arg(args), reason: str(o, 'reason'), json: flag(o, 'json') })));
  riskCommand(risk, 'cases', 'list the cases the risk service opened, newest first')
    .option('--account <id>', 'only this account')
    .action(act((ctx, _args, o) => riskCases(ctx, { accountId: str(o, 'account'), json: flag(o, 'json') })));
}

/** Runs bankctl with `argv` (without node and script) and returns the exit code: 0 ok, 1 operational error, 2 usage error. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const session = new Session(io);
  try {
    await buildProgram(io, session).parseAsync([...argv], { from: 'user' });
    return session.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    if (err instanceof BankctlError) {
      io.stderr.write(`bankctl: ${err.message}\n`);
      if (err instanceof UsageError) return EXIT_USAGE;
      return err.exitCode;
    }
    io.stderr.write(`bankctl: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_OPERATIONAL;
  } finally {
    session.close();
  }
}

/** Entry point of the `bankctl` binary. */
export async function main(): Promise<void> {
  // The SDK's "node >= 22 soon" notice is noise on an operator's terminal.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    progress: process.stdout.isTTY ? terminalProgress : undefined,
  });
}

if (require.main === module) void main();
