import { buildReplayAttributes, replayCountOf } from '../../../src/core/replay-attributes';

const s = (value: string): { DataType: string; StringValue: string } => ({ DataType: 'String', StringValue: value });

describe('buildReplayAttributes', () => {
  it('keeps the original attributes, drops the failure bookkeeping and adds replay-count 1', () => {
    const attributes = {
      type: s('MoneyDeposited'),
      version: s('1'),
      'failure-class': s('PermanentError'),
      'failure-reason': s('bad'),
      'failure-attempts': { DataType: 'Number', StringValue: '1' },
      'failed-at': s('2025-01-01T00:00:00Z'),
    };

    expect(buildReplayAttributes(attributes)).toEqual({
      type: s('MoneyDeposited'),
      version: s('1'),
      'replay-count': { DataType: 'Number', StringValue: '1' },
    });
  });

  it('increments an existing replay-count', () => {
    expect(buildReplayAttributes({ 'replay-count': { DataType: 'Number', StringValue: '2' } })['replay-count']?.StringValue).toBe('3');
  });

  it('does not change its input', () => {
    const attributes = { 'failure-class': s('PermanentError') };
    buildReplayAttributes(attributes);
    expect(attributes).toEqual({ 'failure-class': s('PermanentError') });
  });
});

describe('replayCountOf', () => {
  it('is 0 when absent or unreadable', () => {
    expect(replayCountOf({})).toBe(0);
    expect(replayCountOf({ 'replay-count': s('x') })).toBe(0);
  });
});
