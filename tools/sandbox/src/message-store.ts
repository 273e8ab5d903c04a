import { randomUUID } from 'node:crypto';
import type { CapturedMessage, Channel, Provider } from './captured-message';
import { normalizeAddress } from './address';

export interface MessageFilter {
  channel?: Channel;
  provider?: Provider;
  /** Matched after normalization, so `+1555…` finds `whatsapp:+1555…` and e-mail case is ignored. */
  to?: string;
}

export type NewMessage = Omit<CapturedMessage, 'id' | 'receivedAt'>;

/** In-memory capture of accepted messages; the oldest are dropped beyond `maxMessages`. */
export class MessageStore {
  private readonly items: CapturedMessage[] = [];

  constructor(
    private readonly maxMessages: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(message: NewMessage): CapturedMessage {
    const captured: CapturedMessage = { id: randomUUID(), ...message, receivedAt: this.now().toISOString() };
    this.items.push(captured);
    if (this.items.length > this.maxMessages) this.items.splice(0, this.items.length - this.maxMessages);
    return captured;
  }

  /** Newest first. */
  list(filter: MessageFilter = {}): CapturedMessage[] {
    const to = filter.to === undefined ? undefined : normalizeAddress(filter.to);
    return this.items
      .filter(
        (m) =>
          (filter.channel === undefined || m.channel === filter.channel) &&
          (filter.provider === undefined || m.provider === filter.provider) &&
          (to === undefined || normalizeAddress(m.to) === to),
      )
      .reverse();
  }

  clear(): void {
    this.items.length = 0;
  }
}
