import type { CallbackRecord, CapturedMessage } from '../captured-message';
import type { Delays } from '../delays';
import type { OutcomeBook } from './outcomes';
import { callbackFailure, SENDGRID_RETRY_POLICY, twilioCallbackTarget, type RetryPolicy } from './retry-policy';
import { sendgridEvents, sendgridSignature, type EventWebhookKeys } from './sendgrid-callbacks';
import { twilioSignature, twilioStatusUpdates } from './twilio-callbacks';

export interface CallbackSenderOptions {
  readonly delays: Delays;
  /** How long after accepting a message its status is reported (real receipts take seconds). */
  readonly delayMs: number;
  /** The wait before a failed callback's first retry; the n-th waits n times as long. */
  readonly retryDelayMs: number;
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
 * `StatusCallback` exactly as given, its query included, its fragment (connection overrides) read
 * and left out (form-encoded, `X-Twilio-Signature` over the URL posted to), SendGrid to the
 * configured Event Webhook (a JSON batch, ECDSA-signed with a timestamp, each event carrying the
 * message's custom args as fields). A failed post is retried as the provider would
 * (retry-policy.ts). What was reported, and every answer of the API, is kept on the captured
 * message (`outcome`, `callbacks`) for the inbox and `/api/messages`.
 */
export class StatusCallbackSender {
  constructor(private readonly options: CallbackSenderOptions) {}

  /**
   * Reports the message's status to its StatusCallback, later. Returns how long the send's answer
   * must wait: for an address that reports first (the report goes out at once) its `answerAfterMs`, else 0.
   */
  twilioAccepted(message: CapturedMessage, accountSid: string, statusCallback: string | undefined): number {
    if (!statusCallback) return 0;
    const outcome = this.options.outcomes.get(message.to);
    message.outcome = outcome;
    const target = twilioCallbackTarget(statusCallback);
    const answerAfterMs = this.options.outcomes.answerAfterReport(message.to);
    void this.later(answerAfterMs !== undefined, async () => {
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
        if ('invalid' in target) {
          // Twilio does not call a URL whose overrides it refuses (its debugger logs the error).
          (message.callbacks ??= []).push({ status: update.MessageStatus, url: target.url, error: `InvalidConnectionOverrides: ${target.invalid}` });
          continue;
        }
        const headers = {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': twilioSignature(this.options.twilioAuthToken, target.url, params),
        };
        if (!(await this.deliver(message, update.MessageStatus, target.url, new URLSearchParams(params).toString(), headers, target.policy))) return;
      }
    });
    return answerAfterMs ?? 0;
  }

  /** Reports the message's events to the Event Webhook, later; returns how long the send's answer must wait (as `twilioAccepted`). */
  sendgridAccepted(message: CapturedMessage): number {
    const base = this.options.publicApiUrl();
    if (!base) return 0;
    const outcome = this.options.outcomes.get(message.to);
    message.outcome = outcome;
    const events = sendgridEvents(outcome);
    if (events.length === 0) return 0;
    const answerAfterMs = this.options.outcomes.answerAfterReport(message.to);
    void this.later(answerAfterMs !== undefined, async () => {
      const timestamp = Math.floor(this.options.now().getTime() / 1000);
      // Custom args come back as top-level fields of every event, as SendGrid sends them (its own fields win a clash).
      const common = { ...message.customArgs, email: message.to, timestamp, sg_message_id: `${message.providerMessageId}.sandbox-filter.0`, 'smtp-id': `<${message.providerMessageId}@sandbox>` };
      const batch = [{ ...common, event: 'processed', sg_event_id: `${message.id}-p` }, ...events.map((e, i) => ({ ...common, sg_event_id: `${message.id}-${i}`, ...e }))];
      const body = JSON.stringify(batch);
      const headers = {
        'Content-Type': 'application/json',
        'X-Twilio-Email-Event-Webhook-Signature': sendgridSignature(this.options.sendgridKeys.privateKey, String(timestamp), body),
        'X-Twilio-Email-Event-Webhook-Timestamp': String(timestamp),
      };
      // A retry is the same post, signature and timestamp included, as SendGrid resends a batch.
      await this.deliver(message, events.map((e) => String(e.event)).join('+'), `${base.replace(/\/+$/, '')}/webhooks/sendgrid`, body, headers, SENDGRID_RETRY_POLICY);
    });
    return answerAfterMs ?? 0;
  }

  /** Runs `run` after the callback delay, or at once for an address that reports first. */
  private async later(first: boolean, run: () => Promise<void>): Promise<void> {
    if (!(await this.options.delays.sleep(first ? 0 : this.options.delayMs))) return; // stopping
    await run();
  }

  /**
   * Posts, and posts again while the policy retries what failed (the n-th retry `n × retryDelayMs`
   * later). False when the sandbox stopped meanwhile.
   */
  private async deliver(message: CapturedMessage, status: string, url: string, body: string, headers: Record<string, string>, policy: RetryPolicy): Promise<boolean> {
    for (let retry = 0; ; retry += 1) {
      const failure = callbackFailure(await this.post(message, status, url, body, headers, retry));
      if (failure === undefined || !policy.on.has(failure) || retry >= policy.retries) return true;
      if (!(await this.options.delays.sleep(this.options.retryDelayMs * (retry + 1)))) return false;
    }
  }

  private async post(message: CapturedMessage, status: string, url: string, body: string, headers: Record<string, string>, retry: number): Promise<CallbackRecord> {
    const record: CallbackRecord = { status, url, ...(retry > 0 ? { retry } : {}) };
    (message.callbacks ??= []).push(record);
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      record.httpStatus = res.status;
      await res.arrayBuffer();
    } catch (error) {
      record.error = error instanceof Error ? error.name : 'Error';
    }
    return record;
  }
}
