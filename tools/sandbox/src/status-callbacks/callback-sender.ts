import type { CapturedMessage } from '../captured-message';
import type { Delays } from '../delays';
import { REPORT_FIRST_ANSWER_MS, type OutcomeBook } from './outcomes';
import { sendgridEvents, sendgridSignature, type EventWebhookKeys } from './sendgrid-callbacks';
import { twilioSignature, twilioStatusUpdates } from './twilio-callbacks';

export interface CallbackSenderOptions {
  readonly delays: Delays;
  /** How long after accepting a message its status is reported (real receipts take seconds). */
  readonly delayMs: number;
  readonly outcomes: OutcomeBook;
  readonly twilioAuthToken: string;
  readonly sendgridKeys: EventWebhookKeys;
  /** The API's public base URL, once known: SendGrid's Event Webhook goes to `<it>/webhooks/sendgrid`. */
  readonly publicApiUrl: () => string | undefined;
  readonly now: () => Date;
}

const TIMEOUT_MS = 5000;

/**
 * Calls back like the providers do, after each accepted message: Twilio to the message's
 * `StatusCallback` exactly as given, its query included (form-encoded, `X-Twilio-Signature` over
 * that URL), SendGrid to the configured Event Webhook (a JSON batch, ECDSA-signed with a
 * timestamp, each event carrying the message's custom args as fields). What was reported, and what the API answered,
 * is kept on the captured message (`outcome`, `callbacks`) for the inbox and `/api/messages`.
 */
export class StatusCallbackSender {
  constructor(private readonly options: CallbackSenderOptions) {}

  /**
   * Reports the message's status to its StatusCallback, later. Returns how long the send's answer
   * must wait: {@link REPORT_FIRST_ANSWER_MS} when the address reports first (the report goes out at once), else 0.
   */
  twilioAccepted(message: CapturedMessage, accountSid: string, statusCallback: string | undefined): number {
    if (!statusCallback) return 0;
    const outcome = this.options.outcomes.get(message.to);
    message.outcome = outcome;
    const first = this.options.outcomes.reportsFirst(message.to);
    void this.later(first, async () => {
      for (const update of twilioStatusUpdates(outcome)) {
        const params: Record<string, string> = {
          AccountSid: accountSid,
          ApiVersion: '2010-04-01',
          From: message.from,
          MessageSid: message.providerMessageId,
          SmsSid: message.providerMessageId,
          SmsStatus: update.MessageStatus,
          To: message.to,
          ...update,
        };
        await this.post(message, update.MessageStatus, statusCallback, new URLSearchParams(params).toString(), {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': twilioSignature(this.options.twilioAuthToken, statusCallback, params),
        });
      }
    });
    return first ? REPORT_FIRST_ANSWER_MS : 0;
  }

  /** Reports the message's events to the Event Webhook, later; returns how long the send's answer must wait (as `twilioAccepted`). */
  sendgridAccepted(message: CapturedMessage): number {
    const base = this.options.publicApiUrl();
    if (!base) return 0;
    const outcome = this.options.outcomes.get(message.to);
    message.outcome = outcome;
    const events = sendgridEvents(outcome);
    if (events.length === 0) return 0;
    const first = this.options.outcomes.reportsFirst(message.to);
    void this.later(first, async () => {
      const timestamp = Math.floor(this.options.now().getTime() / 1000);
      // Custom args come back as top-level fields of every event, as SendGrid sends them (its own fields win a clash).
      const common = { ...message.customArgs, email: message.to, timestamp, sg_message_id: `${message.providerMessageId}.sandbox-filter.0`, 'smtp-id': `<${message.providerMessageId}@sandbox>` };
      const batch = [{ ...common, event: 'processed', sg_event_id: `${message.id}-p` }, ...events.map((e, i) => ({ ...common, sg_event_id: `${message.id}-${i}`, ...e }))];
      const body = JSON.stringify(batch);
      await this.post(message, events.map((e) => String(e.event)).join('+'), `${base.replace(/\/+$/, '')}/webhooks/sendgrid`, body, {
        'Content-Type': 'application/json',
        'X-Twilio-Email-Event-Webhook-Signature': sendgridSignature(this.options.sendgridKeys.privateKey, String(timestamp), body),
        'X-Twilio-Email-Event-Webhook-Timestamp': String(timestamp),
      });
    });
    return first ? REPORT_FIRST_ANSWER_MS : 0;
  }

  /** Runs `run` after the callback delay, or at once for an address that reports first. */
  private async later(first: boolean, run: () => Promise<void>): Promise<void> {
    if (!(await this.options.delays.sleep(first ? 0 : this.options.delayMs))) return; // stopping
    await run();
  }

  private async post(message: CapturedMessage, status: string, url: string, body: string, headers: Record<string, string>): Promise<void> {
    const record = { status, url };
    (message.callbacks ??= []).push(record);
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      Object.assign(record, { httpStatus: res.status });
      await res.arrayBuffer();
    } catch (error) {
      Object.assign(record, { error: error instanceof Error ? error.name : 'Error' });
    }
  }
}
