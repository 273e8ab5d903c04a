import type { WindowStore } from '../domain/ports';
import type { WindowEntry } from '../domain/window-entry';

/** A WindowStore in memory, keyed like the table (account, event id). */
export class InMemoryWindowStore implements WindowStore {
  readonly entries = new Map<string, { entry: WindowEntry; expiresAt: number }>();

  async record(entry: WindowEntry, expiresAt: number): Promise<void> {
    this.entries.set(`${entry.accountId}\u0000${entry.eventId}`, { entry, expiresAt });
  }

  async between(accountId: string, from: number, to: number): Promise<WindowEntry[]> {
    return [...this.entries.values()].map(({ entry }) => entry).filter((entry) => entry.accountId === accountId && entry.at >= from && entry.at <= to);
  }
}
