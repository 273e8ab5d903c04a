import { formatMoney } from '@bank/money';
import type { BankEvent } from '@bank/schemas';

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
  /** The same values as strings, for providers with approved templates (WhatsApp ContentVariables). */
  readonly variables: Readonly<Record<string, string>>;
}

export interface RenderedTemplate {
  readonly subject?: string;
  readonly body: string;
  readonly variables?: Readonly<Record<string, string>>;
}

export type Template = (context: TemplateContext) => RenderedTemplate;

/** eventType → channel → template; `null` means "nothing to send on this channel" (the delivery is SKIPPED). */
export type TemplateSet = Readonly<Record<string, Readonly<Record<string, Template | null>>>>;

const SUBJECT = 'Transaction Confirmation';

/** Same wording on SMS and WhatsApp. */
function shortMessage(template: Template): Readonly<Record<string, Template>> {
  return { sms: template, whatsapp: template };
}

/** Default English templates, in the brief's wording. */
export const DEFAULT_TEMPLATES: TemplateSet = {
  MoneyDeposited: {
    email: (c) => ({ subject: SUBJECT, body: `Your deposit of ${c.amount} was successful. Your new balance is ${c.balance}.` }),
    ...shortMessage((c) => ({ body: `Alert: ${c.amount} deposited to your account. Available balance: ${c.balance}.` })),
  },
  MoneyWithdrawn: {
    email: (c) => ({ subject: SUBJECT, body: `Your withdrawal of ${c.amount} was successful. Your new balance is ${c.balance}.` }),
    ...shortMessage((c) => ({ body: `Alert: ${c.amount} withdrawn from your account. Available balance: ${c.balance}.` })),
  },
  TransferSent: {
    email: (c) => ({
      subject: SUBJECT,
      body: `Your transfer of ${c.amount} to account ${c.counterpartyAccountId ?? ''} was successful. Your new balance is ${c.balance}.`,
    }),
    ...shortMessage((c) => ({ body: `Alert: ${c.amount} sent to account ${c.counterpartyAccountId ?? ''}. Available balance: ${c.balance}.` })),
  },
  TransferReceived: {
    email: (c) => ({
      subject: SUBJECT,
      body: `You received a transfer of ${c.amount} from account ${c.counterpartyAccountId ?? ''}. Your new balance is ${c.balance}.`,
    }),
    ...shortMessage((c) => ({ body: `Alert: ${c.amount} received from account ${c.counterpartyAccountId ?? ''}. Available balance: ${c.balance}.` })),
  },
  AccountOpened: {
    email: (c) => ({
      subject: 'Welcome',
      body: `Welcome! Your checking account ending in ${c.accountSuffix} is now open. Your balance is ${c.balance}.`,
    }),
    sms: null,
    whatsapp: null,
  },
};

/** Overrides win per (event type, channel); everything else keeps the defaults. */
export function mergeTemplates(base: TemplateSet, overrides: TemplateSet = {}): TemplateSet {
  const merged: Record<string, Readonly<Record<string, Template | null>>> = { ...base };
  for (const [eventType, channels] of Object.entries(overrides)) {
    merged[eventType] = { ...(base[eventType] ?? {}), ...channels };
  }
  return merged;
}

export function templateContext(event: BankEvent, channel: string): TemplateContext {
  const accountId = event.data.accountId;
  const accountSuffix = accountId.slice(-4);
  let amount: string;
  let balance: string;
  let counterpartyAccountId: string | undefined;
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
    default:
      // An event that moves no money (a risk case): nothing to show.
      amount = '';
      balance = '';
  }
  const variables: Record<string, string> = { eventType: event.type, amount, balance, accountSuffix };
  if (counterpartyAccountId !== undefined) variables.counterpartyAccountId = counterpartyAccountId;
  return { event, channel, accountId, accountSuffix, amount, balance, counterpartyAccountId, variables };
}

/** Renders the event for a channel, or undefined when no template applies (the delivery is skipped). */
export function renderNotification(event: BankEvent, channel: string, templates: TemplateSet = DEFAULT_TEMPLATES): RenderedTemplate | undefined {
  const template = templates[event.type]?.[channel];
  if (!template) return undefined;
  const context = templateContext(event, channel);
  const rendered = template(context);
  return { ...rendered, variables: rendered.variables ?? context.variables };
}
