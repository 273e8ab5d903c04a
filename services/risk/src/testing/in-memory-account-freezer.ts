import type { AccountFreezer } from '../domain/ports';
import type { FreezeResult } from '../domain/risk-case';

/**
 * An AccountFreezer over a map of account statuses; records every call.
 *
 * @example
 * const freezer = new InMemoryAccountFreezer({ 'acct-1': 'OPEN' });
 */
export class InMemoryAccountFreezer implements AccountFreezer {
  readonly calls: { accountId: string; reason: string; actor: string }[] = [];
  readonly statuses: Map<string, 'OPEN' | 'FROZEN' | 'CLOSED'>;

  constructor(statuses: Readonly<Record<string, 'OPEN' | 'FROZEN' | 'CLOSED'>> = {}) {
    this.statuses = new Map(Object.entries(statuses));
  }

  async freeze(accountId: string, reason: string, actor: string): Promise<FreezeResult> {
    this.calls.push({ accountId, reason, actor });
    const status = this.statuses.get(accountId);
    if (status === undefined || status === 'CLOSED') return 'not-applicable';
    if (status === 'FROZEN') return 'already-frozen';
    this.statuses.set(accountId, 'FROZEN');
    return 'frozen';
  }
}
