/**
 * What the detector remembers of one money event: the account's side of it, with no PII. One
 * entry per event id, so storing a replayed event again changes nothing.
 */
import type { MoneyEvent, MoneyEventType } from '@bank/schemas';
import { InvalidMessageError } from './errors';

export interface WindowEntry {
  readonly accountId: string;
  readonly eventId: string;
  readonly eventType: MoneyEventType;
  /** `in`: money arrived (deposit, incoming transfer); `out`: money left (withdrawal, outgoing transfer). */
  readonly direction: 'in' | 'out';
  /** Minor units. */
  readonly amount: number;
  /** When the money moved (the event's `time`), epoch ms. */
  readonly at: number;
  /** The other account of a transfer. */
  readonly counterpartyAccountId?: string;
}

const DIRECTION: Readonly<Record<MoneyEventType, WindowEntry['direction']>> = {
  MoneyDeposited: 'in',
  TransferReceived: 'in',
  MoneyWithdrawn: 'out',
  TransferSent: 'out',
};

export function entryFromEvent(event: MoneyEvent): WindowEntry {
  const at = Date.parse(event.time);
  if (!Number.isFinite(at)) throw new InvalidMessageError('event time is not a usable timestamp', 'INVALID_EVENT', [{ path: '/time', message: 'must be an RFC 3339 date-time' }]);
  const base = { accountId: event.data.accountId, eventId: event.id, eventType: event.type, direction: DIRECTION[event.type], amount: event.data.amount, at };
  return event.type === 'TransferSent' || event.type === 'TransferReceived' ? { ...base, counterpartyAccountId: event.data.counterpartyAccountId } : base;
}

/** One entry per event id (the input may repeat events), ordered by time, then id. */
export function distinctByEvent(entries: readonly WindowEntry[]): WindowEntry[] {
  const byId = new Map(entries.map((entry) => [entry.eventId, entry]));
  return [...byId.values()].sort((a, b) => a.at - b.at || a.eventId.localeCompare(b.eventId));
}
