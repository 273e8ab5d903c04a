import { validateEvent } from '@bank/schemas';
import { caseFromItem, caseIndexItem, caseToItem, riskCaseEventId, riskCaseOpenedData, summaryFromItem } from '../../src/case-items';
import { caseFromMatch } from '../../src/domain/risk-case';
import { entryFromEvent } from '../../src/domain/window-entry';
import { at, deposit, withdrawal } from '../support/events';

const trigger = entryFromEvent(deposit('acct-1', 100_000, at(0)));
const riskCase = caseFromMatch(
  { pattern: 'pass-through', accountId: 'acct-1', trigger, windowStart: trigger.at, windowEnd: trigger.at + 1_800_000, outgoing: [entryFromEvent(withdrawal('acct-1', 95_000, at(2)))], totalOut: 95_000, counterparties: 0 },
  { mode: 'enforce', action: 'freeze' },
  new Date(at(3)),
);

describe('case items', () => {
  it('keys a case by account partition and case id', () => {
    expect(caseToItem(riskCase)).toMatchObject({ AccountID: 'RISK#CASES#acct-1', TransactionID: `CASE#${riskCase.caseId}`, recordType: 'RISK_CASE' });
  });

  it('keys the listing entry by opening time, with the summary only', () => {
    expect(caseIndexItem(riskCase)).toEqual({
      AccountID: 'RISK#CASES',
      TransactionID: `OPENED#${riskCase.openedAt}#${riskCase.caseId}`,
      recordType: 'RISK_CASE_INDEX',
      caseId: riskCase.caseId,
      accountId: 'acct-1',
      pattern: 'pass-through',
      openedAt: riskCase.openedAt,
      status: 'OPEN',
    });
  });

  it('reads back what it wrote', () => {
    expect(caseFromItem(caseToItem(riskCase))).toEqual(riskCase);
    expect(summaryFromItem(caseIndexItem(riskCase))).toEqual({ caseId: riskCase.caseId, accountId: 'acct-1', pattern: 'pass-through', openedAt: riskCase.openedAt, status: 'OPEN' });
  });

  it('refuses an item that is not a case', () => {
    expect(() => caseFromItem({ recordType: 'RISK_CASE', caseId: 'x' })).toThrow(TypeError);
  });
});

describe('riskCaseOpenedData', () => {
  it('gives the relay a RiskCaseOpened that passes its schema', () => {
    const data = riskCaseOpenedData(caseToItem(riskCase));
    const event = {
      specversion: '1.0', id: riskCaseEventId(riskCase.caseId), source: 'bank.account', type: 'RiskCaseOpened', time: riskCase.openedAt, subject: 'acct-1',
      datacontenttype: 'application/json', dataschema: 'urn:bank:events:RiskCaseOpened:v1', data,
    };
    expect(validateEvent(event)).toEqual({ ok: true, value: event });
    expect(data).toEqual({ caseId: riskCase.caseId, accountId: 'acct-1', pattern: 'pass-through', openedAt: riskCase.openedAt, mode: 'enforce', action: 'freeze' });
  });

  it('ignores listing entries and other items', () => {
    expect(riskCaseOpenedData(caseIndexItem(riskCase))).toBeUndefined();
    expect(riskCaseOpenedData({ recordType: 'TRANSACTION' })).toBeUndefined();
  });
});
