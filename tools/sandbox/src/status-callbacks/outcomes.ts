import { normalizeAddress } from '../address';
import { SandboxRequestError } from '../errors';

/**
 * What the sandbox reports back for an address, set by `POST /api/outcomes {to, status}`:
 * - `delivered` (the default);
 * - `undelivered`: a temporary failure (Twilio 30003 handset off; SendGrid `blocked`);
 * - `unreachable`: the number or mailbox can never receive (Twilio 30005; SendGrid hard bounce);
 * - `bounce`: SendGrid hard bounce 5.1.1 (Twilio: as `unreachable`);
 * - `blocked`, `dropped` (SendGrid: a drop of a bounced address), `failed` (Twilio 30008; SendGrid a drop that is not the address's fault);
 * - `none`: no callback at all.
 */
export const OUTCOMES = ['delivered', 'undelivered', 'unreachable', 'bounce', 'blocked', 'dropped', 'failed', 'none'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/**
 * What `POST /api/outcomes` sets for an address. `reportFirst`: the provider reports before it
 * answers the send (at once, its answer `answerAfterMs` later, default {@link REPORT_FIRST_ANSWER_MS}),
 * so the report reaches the bank before the notifier has recorded the message SENT.
 */
export interface OutcomeSpec {
  readonly to: string;
  readonly status: Outcome;
  readonly reportFirst?: boolean;
  readonly answerAfterMs?: number;
}

/** How long a provider whose address reports first holds its answer to the send after the report went out, by default. */
export const REPORT_FIRST_ANSWER_MS = 100;

/** The longest `answerAfterMs`: below the plugins' send timeouts, so the send is still answered. */
export const MAX_ANSWER_AFTER_MS = 4000;

/** Outcomes by recipient (compared like the inbox compares them: `whatsapp:` and case ignored). */
export class OutcomeBook {
  private readonly byAddress = new Map<string, { readonly status: Outcome; readonly answerAfterMs?: number }>();

  set(spec: OutcomeSpec): void {
    const answerAfterMs = spec.reportFirst === true ? (spec.answerAfterMs ?? REPORT_FIRST_ANSWER_MS) : undefined;
    this.byAddress.set(normalizeAddress(spec.to), { status: spec.status, ...(answerAfterMs === undefined ? {} : { answerAfterMs }) });
  }

  get(to: string): Outcome {
    return this.byAddress.get(normalizeAddress(to))?.status ?? 'delivered';
  }

  /** For an address whose status is reported before the send is answered, how long the answer waits after the report; else undefined. */
  answerAfterReport(to: string): number | undefined {
    return this.byAddress.get(normalizeAddress(to))?.answerAfterMs;
  }

  list(): OutcomeSpec[] {
    return [...this.byAddress].map(([to, { status, answerAfterMs }]) => ({ to, status, ...(answerAfterMs === undefined ? {} : { reportFirst: true, answerAfterMs }) }));
  }

  clear(): void {
    this.byAddress.clear();
  }
}

/** Reads `{to, status, reportFirst?, answerAfterMs?}` of `POST /api/outcomes`. */
export function parseOutcomeSpec(body: unknown): OutcomeSpec {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof record.to !== 'string' || record.to.trim() === '') throw new SandboxRequestError(400, 'to must be an address');
  if (!isOutcome(record.status)) throw new SandboxRequestError(400, `status must be one of ${OUTCOMES.join(', ')}`);
  if (record.reportFirst !== undefined && typeof record.reportFirst !== 'boolean') throw new SandboxRequestError(400, 'reportFirst must be true or false');
  const { answerAfterMs } = record;
  if (answerAfterMs !== undefined) {
    if (record.reportFirst !== true) throw new SandboxRequestError(400, 'answerAfterMs needs reportFirst: true');
    if (!Number.isInteger(answerAfterMs) || (answerAfterMs as number) < 0 || (answerAfterMs as number) > MAX_ANSWER_AFTER_MS) {
      throw new SandboxRequestError(400, `answerAfterMs must be an integer from 0 to ${MAX_ANSWER_AFTER_MS}`);
    }
  }
  return {
    to: record.to,
    status: record.status,
    ...(record.reportFirst === true ? { reportFirst: true } : {}),
    ...(typeof answerAfterMs === 'number' ? { answerAfterMs } : {}),
  };
}
