import { decodeMessage } from '../../../src/core/dlq-message';
import { renderMessageTable, summarizeMessage } from '../../../src/core/present';

const message = decodeMessage({
  messageId: 'm-1',
  receiptHandle: 'rh',
  body: JSON.stringify({ id: 'ev-1', type: 'MoneyWithdrawn', data: { accountId: 'acct-1' } }),
  attributes: {},
  receiveCount: 3,
  sentTimestamp: 1_000,
});

describe('summarizeMessage', () => {
  it('carries the ids, reason, receive count and age in seconds', () => {
    expect(summarizeMessage(message, 91_000)).toMatchObject({ eventId: 'ev-1', type: 'MoneyWithdrawn', accountId: 'acct-1', receiveCount: 3, ageSeconds: 90, failure: null });
  });
});

describe('renderMessageTable', () => {
  it('prints the operator columns', () => {
    const table = renderMessageTable([summarizeMessage(message, 91_000)]);
    expect(table.split('\n')[0]).toMatch(/^EVENT ID\s+TYPE\s+ACCOUNT\s+REASON\s+RECEIVES\s+AGE$/);
    expect(table.split('\n')[1]).toMatch(/^ev-1\s+MoneyWithdrawn\s+acct-1\s+unknown.*\s+3\s+1m$/);
  });
});
