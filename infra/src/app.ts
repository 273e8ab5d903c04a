import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { STACK_NAME } from '@bank/topology';
import { BankStack, type BankStackProps, DEFAULT_LIMITS, DEFAULT_THROTTLE } from './bank-stack';
import { parseTableCapacity } from './table-capacity';

export { STACK_NAME };

/**
 * CDK feature flags the stack's security depends on, set after the CLI's context so that no
 * cdk.json or `-c` can turn them off: an encrypted queue's key trusts SNS only for deliveries
 * from the topic it subscribes to (aws:SourceArn), not from any topic, and EventBridge only
 * from this account.
 */
export const SECURITY_FLAGS = {
  '@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption': true,
  // EventBridge may use an encrypted rule queue's key only for rules of this account.
  '@aws-cdk/aws-events:eventsTargetQueueSameAccount': true,
} as const;

export interface BankApp {
  readonly app: App;
  readonly stack: BankStack;
}

/**
 * The CDK app with the AwsSolutions checks applied. The stack is environment-agnostic unless
 * CDK_DEFAULT_ACCOUNT/REGION are set, so synth needs no AWS account.
 */
export interface BankAppOptions {
  readonly outdir?: string;
  readonly stack?: BankStackProps;
  /** Run cdk-nag AwsSolutions as a synth-time validation plugin (default true): a finding fails synth. */
  readonly nag?: boolean;
}

export function createBankApp(options: BankAppOptions = {}): BankApp {
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}), postCliContext: SECURITY_FLAGS });
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const stack = new BankStack(app, STACK_NAME, {
    description: 'Event-driven checking accounts with a plugin notification platform',
    ...(account && region ? { env: { account, region } } : {}),
    ...contextSettings(app),
    ...options.stack,
  });
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

/** Knobs settable with `cdk deploy -c name=value`. */
function contextSettings(app: App): Partial<BankStackProps> {
  const read = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined ? undefined : String(value);
  };
  const maxTransactionAmount = read('maxTransactionAmount');
  const dailyWithdrawalLimit = read('dailyWithdrawalLimit');
  const rate = read('throttleRate');
  const burst = read('throttleBurst');
  const publicCallbacksUrl = read('publicCallbacksUrl');
  const tableCapacity = read('tableCapacity');
  return {
    ...(tableCapacity ? { tableCapacity: parseTableCapacity(tableCapacity) } : {}),
    ...(publicCallbacksUrl ? { publicCallbacksUrl } : {}),
    ...(read('disableExecuteApiEndpoint') === 'true' ? { disableExecuteApiEndpoint: true } : {}),
    ...(maxTransactionAmount || dailyWithdrawalLimit
      ? {
          limits: {
            maxTransactionAmount: maxTransactionAmount ?? DEFAULT_LIMITS.maxTransactionAmount,
            dailyWithdrawalLimit: dailyWithdrawalLimit ?? DEFAULT_LIMITS.dailyWithdrawalLimit,
          },
        }
      : {}),
    ...(rate || burst
      ? { throttle: { rateLimit: Number(rate ?? DEFAULT_THROTTLE.rateLimit), burstLimit: Number(burst ?? DEFAULT_THROTTLE.burstLimit) } }
      : {}),
  };
}
