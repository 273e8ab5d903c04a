import { buildTopology } from '@bank/topology';
import { TopologyConstraintError } from '../../src/errors';
import { toEventPattern } from '../../src/event-bus';

describe('toEventPattern', () => {
  it('maps the EventBridge JSON field names to CDK names, keeping the matchers', () => {
    expect(toEventPattern({ source: ['bank.account'], 'detail-type': ['MoneyWithdrawn'], detail: { data: { amount: [{ numeric: ['>=', 500] }] } } })).toEqual({
      source: ['bank.account'],
      detailType: ['MoneyWithdrawn'],
      detail: { data: { amount: [{ numeric: ['>=', 500] }] } },
    });
  });

  it('maps the risk rule of the topology', () => {
    const [rule] = buildTopology().rules;
    expect(toEventPattern(rule?.pattern ?? {})).toEqual({ source: ['bank.account'], detailType: ['MoneyDeposited', 'MoneyWithdrawn', 'TransferSent', 'TransferReceived'] });
  });

  it('rejects a key that is not an event pattern field', () => {
    expect(() => toEventPattern({ 'detail_type': ['x'] })).toThrow(TopologyConstraintError);
  });
});
