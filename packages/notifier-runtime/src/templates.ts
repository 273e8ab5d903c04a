import { formatMoney } from '@bank/money';
import type { BankEvent } from '@bank/schemas';
import type { ChannelDef, ChannelTemplate } from '@bank/topology';
import { NotifierConfigError } from './errors';

/** Preformatted values a template may use. No PII: events carry none. */
export interface TemplateContext {
  readonly event: BankEvent;
  readonly channel: string;
  readonly accountId: string;
  /** Last four characters of the account id, for "account ending in …". */
  readonly accountSuffix: string;
  /** Formatted amount (`$1000`, `$10.50`); the opening balance for AccountOpened. */
  readonly amount: string;
  /** Formatted balance after the event. */
  readonly balance: string;
  /** The other account of a transfer. */
  readonly counterpartyAccountId?: string;
  /** Last four characters of the other account of a transfer. */
  readonly counterpartySuffix?: string;
  /** What kind of debit a review hold is about: `withdrawal` or `transfer`. */
  readonly debit?: string;
  /** The channel a NotificationChannelDisabled event turned off. */
  readonly disabledChannel?: string;
  /** The same values as strings, for providers with approved templates (WhatsApp ContentVariables). */
  readonly variables: Readonly<Record<string, string>>;
}

export interface RenderedTemplate {
  readonly subject?: string;
  readonly title?: string;
  readonly body: string;
  readonly variables?: Readonly<Record<string, string>>;
  /** Ids about the event for structured payloads; filled by `renderNotification`. */
  readonly data?: Readonly<Record<string, string>>;
}

export type Template = (context: TemplateContext) => RenderedTemplate;

/** eventType → channel → template; `null` means "nothing to send on this channel" (the delivery is SKIPPED). */
export type TemplateSet = Readonly<Record<string, Readonly<Record<string, Template | null>>>>;

/** The `{placeholders}` a channel declaration's template may use. */
export const TEMPLATE_PLACEHOLDERS = ['amount', 'balance', 'accountSuffix', 'counterpartySuffix', 'debit', 'disabledChannel'] as const;
type Placeholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

function compileText(text: string, where: string): (context: TemplateContext) => string {
  for (const [, name = ''] of text.matchAll(PLACEHOLDER)) {
    if (!isPlaceholder(name)) {
      throw new NotifierConfigError(`${where} uses {${name}}; templates may use ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
    }
  }
  return (context) => text.replace(PLACEHOLDER, (_match, name: Placeholder) => context[name] ?? '');
}

/**
 * Turns a declared template (strings with `{placeholders}`) into a render function. An unknown
 * placeholder is a NotifierConfigError at cold start, never a half-filled message.
 *
 * @example compileTemplate({ body: 'Alert: {amount} deposited.' }, 'sms/MoneyDeposited')(context).body // 'Alert: $1000 deposited.'
 */
export function compileTemplate(declared: ChannelTemplate, where: string): Template {
  const body = compileText(declared.body, `template ${where} body`);
  const subject = declared.subject === undefined ? undefined : compileText(declared.subject, `template ${where} subject`);
  const title = declared.title === undefined ? undefined : compileText(declared.title, `template ${where} title`);
  return (context) => ({
    ...(subject ? { subject: subject(context) } : {}),
    ...(title ? { title: title(context) } : {}),
    body: body(context),
  });
}

/**
 * The templates the channel declarations carry, compiled: each channel's `templates` by event type.
 *
 * @example renderNotification(event, 'sms', templatesFromChannels(topology.channels))
 */
export function templatesFromChannels(channels: readonly Pick<ChannelDef, 'name' | 'templates'>[]): TemplateSet {
  const set: Record<string, Record<string, Template | null>> = {};
  for (const channel of channels) {
    for (const [eventType, declared] of Object.entries(channel.templates)) {
      (set[eventType] ??= {})[channel.name] = declared === null ? null : compileTemplate(declared, `${channel.name}/${eventType}`);
    }
  }
  return set;
}

/** Overrides win per (event type, channel); everything else keeps the base. */
export function mergeTemplates(base: TemplateSet, overrides: TemplateSet = {}): TemplateSet {
  const merged: Record<string, Readonly<Record<string, Template | null>>> = { ...base };
  for (const [eventType, channels] of Object.entries(overrides)) {
    merged[eventType] = { ...(base[eventType] ?? {}), ...channels };
  }
  return merged;
}

/** The (channel, event type) pairs a channel subscribes to but has no template for. */
export function missingTemplates(channels: readonly Pick<ChannelDef, 'name' | 'eventTypes'>[], templates: TemplateSet): { channel: string; eventType: string }[] {
  return channels.flatMap((channel) =>
    channel.eventTypes.filter((eventType) => !templates[eventType]?.[channel.name]).map((eventType) => ({ channel: channel.name, eventType })),
  );
}

const suffix = (id: string): string => id.slice(-4);

export function templateContext(event: BankEvent, channel: string): TemplateContext {
  const accountId = event.subject;
  const accountSuffix = suffix(accountId);
  let amount: string;
  let balance: string;
  let counterpartyAccountId: string | undefined;
  let debit: string | undefined;
  let disabledChannel: string | undefined;
  switch (event.type) {
    case 'AccountOpened':
      amount = formatMoney(event.data.balance, event.data.currency);
      balance = amount;
      break;
    case 'TransferSent':
    case 'TransferReceived':
      counterpartyAccountId = event.data.counterpartyAccountId;
      amount = formatMoney(event.data.amount, event.data.currency);
      balance = formatMoney(event.data.balanceAfter, event.data.currency);
      break;
    case 'MoneyDeposited':
    case 'MoneyWithdrawn':
      amount = formatMoney(event.data.amount, event.data.currency);
      balance = formatMoney(event.data.balanceAfter, event.data.currency);
      break;
    default: {
      // Other events (review holds, risk cases) read their fields by name: an amount, the available
      // balance, the kind of debit; an event without them shows nothing there.
      const data: Readonly<Record<string, unknown>> = { ...event.data };
      const currency = typeof data.currency === 'string' ? data.currency : 'USD';
      amount = typeof data.amount === 'number' ? formatMoney(data.amount, currency) : '';
      balance = typeof data.availableBalance === 'number' ? formatMoney(data.availableBalance, currency) : '';
      if (typeof data.counterpartyAccountId === 'string') counterpartyAccountId = data.counterpartyAccountId;
      if (typeof data.debitType === 'string') debit = data.debitType.toLowerCase();
      if (typeof data.channel === 'string') disabledChannel = data.channel;
    }
  }
  const counterpartySuffix = counterpartyAccountId === undefined ? undefined : suffix(counterpartyAccountId);
  const variables: Record<string, string> = { eventType: event.type, amount, balance, accountSuffix };
  if (counterpartyAccountId !== undefined && counterpartySuffix !== undefined) {
    variables.counterpartyAccountId = counterpartyAccountId;
    variables.counterpartySuffix = counterpartySuffix;
  }
  if (debit !== undefined) variables.debit = debit;
  if (disabledChannel !== undefined) variables.disabledChannel = disabledChannel;
  return {
    event,
    channel,
    accountId,
    accountSuffix,
    amount,
    balance,
    counterpartyAccountId,
    counterpartySuffix,
    ...(debit !== undefined ? { debit } : {}),
    ...(disabledChannel !== undefined ? { disabledChannel } : {}),
    variables,
  };
}

/** Ids a structured payload may carry (a push notification's `data`): no amounts, no PII. */
function eventData(event: BankEvent, accountSuffix: string): Record<string, string> {
  const data: Record<string, string> = { eventType: event.type, accountSuffix };
  if ('transactionId' in event.data) data.transactionId = event.data.transactionId;
  return data;
}

/** Renders the event for a channel, or undefined when no template applies (the delivery is skipped). */
export function renderNotification(event: BankEvent, channel: string, templates: TemplateSet): RenderedTemplate | undefined {
  const template = templates[event.type]?.[channel];
  if (!template) return undefined;
  const context = templateContext(event, channel);
  const rendered = template(context);
  return { ...rendered, variables: rendered.variables ?? context.variables, data: rendered.data ?? eventData(event, context.accountSuffix) };
}
