/**
 * A channel is data: everything the platform needs to know about one way of telling a customer
 * (its queue, its notifier, where its address comes from, its default wording) is declared once,
 * in one file under `channels/`, and every other part (preferences, API schema, SNS filters,
 * CDK, the local stack, bankctl, the notifier runtime) reads that declaration.
 */

/** Receives before SQS moves a message to the DLQ, and the backoff between them. */
export interface RetryPolicy {
  /** Receives before SQS moves a message to the DLQ. */
  readonly maxReceiveCount: number;
  /** First retry delay; doubles each attempt (with full jitter) up to `maxBackoffSeconds`. */
  readonly baseBackoffSeconds: number;
  readonly maxBackoffSeconds: number;
}

/**
 * Where a channel's address comes from.
 * - `identity`: a verified contact of the customer's identity (the bank's copy of the Cognito
 *   attributes): `attribute` names the contact (`email`, `phone`); it is used only while verified.
 * - `registry`: entries the customer registers with the bank (browser push subscriptions); every
 *   entry of the registry is an address, and the channel may be on while there is at least one.
 */
export type ChannelAddress =
  | { readonly kind: 'identity'; readonly attribute: string }
  | { readonly kind: 'registry'; readonly registry: string };

/**
 * Default wording of one event on one channel. `{name}` placeholders are filled by the notifier
 * runtime from the event (`{amount}`, `{balance}`, `{accountSuffix}`, `{counterpartySuffix}`, …);
 * no placeholder ever carries PII or a string a client chose.
 */
export interface ChannelTemplate {
  readonly subject?: string;
  readonly title?: string;
  readonly body: string;
}

export interface ChannelDef {
  /** Channel id used in preferences, manifests, delivery records and the `bankctl --channel` flag. */
  readonly name: string;
  readonly queueName: string;
  readonly dlqName: string;
  /** The notifier service (a deployable under services/) that consumes this channel's queue. */
  readonly notifier: string;
  /** Event types this channel subscribes to (SNS filter policy on the `type` attribute). */
  readonly eventTypes: readonly string[];
  readonly address: ChannelAddress;
  /** On for a new account when its address is available (a verified contact, a registry entry). */
  readonly defaultOn: boolean;
  /** Default template per event type; `null` = deliberately nothing to send for that event here. */
  readonly templates: Readonly<Record<string, ChannelTemplate | null>>;
  readonly retry: RetryPolicy;
  /** Lambda visibility timeout for the queue; CDK keeps it >= 6x the function timeout. */
  readonly visibilityTimeoutSeconds: number;
  /** Upper bound of concurrent notifier invocations (provider rate limits). */
  readonly maxConcurrency: number;
  readonly batchSize: number;
}

/** What a channel file declares; the rest has platform defaults. */
export type ChannelDeclaration = Pick<ChannelDef, 'name' | 'notifier' | 'address' | 'templates'> &
  Partial<Omit<ChannelDef, 'name' | 'notifier' | 'address' | 'templates'>>;

export const DEFAULT_RETRY: RetryPolicy = { maxReceiveCount: 5, baseBackoffSeconds: 1, maxBackoffSeconds: 60 };

/**
 * Completes a channel declaration with the platform defaults: queue `notify-<name>` and its DLQ,
 * the events that have a template, five receives, 180 s visibility, concurrency 5, batches of 10.
 *
 * @example
 * export const slack = defineChannel({
 *   name: 'slack', notifier: 'notify-slack', address: { kind: 'registry', registry: 'slack-webhooks' },
 *   templates: { MoneyDeposited: { body: 'Deposit of {amount}. Balance {balance}.' } },
 * });
 */
export function defineChannel(declaration: ChannelDeclaration): ChannelDef {
  return {
    queueName: `notify-${declaration.name}`,
    dlqName: `notify-${declaration.name}-dlq`,
    eventTypes: Object.keys(declaration.templates).filter((type) => declaration.templates[type] !== null),
    defaultOn: false,
    retry: DEFAULT_RETRY,
    visibilityTimeoutSeconds: 180,
    maxConcurrency: 5,
    batchSize: 10,
    ...declaration,
  };
}
