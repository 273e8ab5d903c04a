import { decodeMessage, type DlqMessage } from '../../../src/core/dlq-message';
import { isUnfiltered, matchesFilter, planSelection } from '../../../src/core/filters';

const NOW = 10_000_000;

function message(id: string, type: string, accountId: string, ageMs: number | undefined): DlqMessage {
  return decodeMessage({
    messageId: `m-${id}`,
    receiptHandle: `rh-${id}`,
    body: JSON.stringify({ id, type, data: { accountId } }),
    attributes: {},
    receiveCount: 1,
    sentTimestamp: ageMs === undefined ? undefined : NOW - ageMs,
  });
}

const a = message('a', 'MoneyDeposited', 'acct-1', 5_000);
const b = message('b', 'MoneyWithdrawn', 'acct-2', 60_000);
const c = message('c', 'MoneyDeposited', 'acct-2', 120_000);
const unknownAge = message('d', 'MoneyDeposited', 'acct-1', undefined);

describe('matchesFilter', () => {
  it('matches everything without filters', () => {
    expect([a, b, c, unknownAge].every((m) => matchesFilter(m, {}, NOW))).toBe(true);
  });

  it('matches the type and the account exactly', () => {
    expect(matchesFilter(a, { type: 'MoneyDeposited' }, NOW)).toBe(true);
    expect(matchesFilter(a, { type: 'MoneyWithdrawn' }, NOW)).toBe(false);
    expect(matchesFilter(a, { accountId: 'acct-2' }, NOW)).toBe(false);
  });

  it('matches --older-than at or beyond the age, and never a message of unknown age', () => {
    expect(matchesFilter(b, { olderThanMs: 60_000 }, NOW)).toBe(true);
    expect(matchesFilter(a, { olderThanMs: 60_000 }, NOW)).toBe(false);
    expect(matchesFilter(unknownAge, { olderThanMs: 1 }, NOW)).toBe(false);
  });
});

describe('planSelection', () => {
  it('selects matching messages oldest first, at most max', () => {
    expect(planSelection([a, b, c], { type: 'MoneyDeposited' }, NOW).map((m) => m.event.id)).toEqual(['c', 'a']);
    expect(planSelection([a, b, c], {}, NOW, 2).map((m) => m.event.id)).toEqual(['c', 'b']);
  });
});

describe('isUnfiltered', () => {
  it('is true only without any filter', () => {
    expect(isUnfiltered({})).toBe(true);
    expect(isUnfiltered({ olderThanMs: 0 })).toBe(false);
  });
});
