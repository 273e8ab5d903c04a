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

/** Outcomes by recipient (compared like the inbox compares them: `whatsapp:` and case ignored). */
export class OutcomeBook {
  private readonly byAddress = new Map<string, Outcome>();

  set(to: string, outcome: Outcome): void {
    this.byAddress.set(normalizeAddress(to), outcome);
  }

  get(to: string): Outcome {
    return this.byAddress.get(normalizeAddress(to)) ?? 'delivered';
  }

  list(): { to: string; status: Outcome }[] {
    return [...this.byAddress].map(([to, status]) => ({ to, status }));
  }

  clear(): void {
    this.byAddress.clear();
  }
}

/** Reads `{to, status}` of `POST /api/outcomes`. */
export function parseOutcomeSpec(body: unknown): { to: string; status: Outcome } {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof record.to !== 'string' || record.to.trim() === '') throw new SandboxRequestError(400, 'to must be an address');
  if (!isOutcome(record.status)) throw new SandboxRequestError(400, `status must be one of ${OUTCOMES.join(', ')}`);
  return { to: record.to, status: record.status };
}
