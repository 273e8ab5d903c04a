import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { DynamoCaseStore } from '../../../src/adapters/dynamo-case-store';
import { caseIndexKey, caseKey } from '../../../src/case-items';
import { InvalidCursorError } from '../../../src/domain/errors';
import { caseFromMatch, type RiskCase } from '../../../src/domain/risk-case';
import type { PatternMatch } from '../../../src/domain/pattern-match';
import { entryFromEvent } from '../../../src/domain/window-entry';
import { at, deposit, MINUTE, T0, withdrawal } from '../../support/events';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });

let tableName: string;
let store: DynamoCaseStore;

beforeEach(async () => {
  tableName = await createTableLike(dynamodb, buildTopology().accountsTable, uniqueName('accounts'));
  store = new DynamoCaseStore({ client: documents, tableName });
});
afterAll(() => dynamodb.destroy());

/** A pass-through case on `accountId` triggered `minutes` after T0 and opened `openedMinutes` after T0. */
function caseOf(accountId: string, minutes: number, openedMinutes = minutes + 5): RiskCase {
  const trigger = entryFromEvent(deposit(accountId, 100_000, at(minutes)));
  const match: PatternMatch = {
    pattern: 'pass-through',
    accountId,
    trigger,
    windowStart: trigger.at,
    windowEnd: trigger.at + 30 * MINUTE,
    outgoing: [entryFromEvent(withdrawal(accountId, 95_000, at(minutes + 1)))],
    totalOut: 95_000,
    counterparties: 0,
  };
  return caseFromMatch(match, { mode: 'enforce', action: 'flag' }, new Date(at(openedMinutes)));
}

describe('DynamoCaseStore', () => {
  it('opens a case once: the second open of the same id finds it', async () => {
    const riskCase = caseOf('acct-1', 0);
    expect(await store.open(riskCase)).toBe('opened');
    expect(await store.open({ ...riskCase, openedAt: at(99) })).toBe('exists');
    expect(await store.get('acct-1', riskCase.caseId)).toEqual(riskCase);
  });

  it('writes the case and its listing entry together', async () => {
    const riskCase = caseOf('acct-1', 0);
    await store.open(riskCase);
    const { Item: item } = await documents.send(new GetCommand({ TableName: tableName, Key: caseKey('acct-1', riskCase.caseId) }));
    const { Item: index } = await documents.send(new GetCommand({ TableName: tableName, Key: caseIndexKey(riskCase) }));
    expect(item).toMatchObject({ AccountID: 'RISK#CASES#acct-1', recordType: 'RISK_CASE', caseId: riskCase.caseId, evidence: riskCase.evidence });
    expect(index).toMatchObject({ AccountID: 'RISK#CASES', recordType: 'RISK_CASE_INDEX', caseId: riskCase.caseId, accountId: 'acct-1' });
  });

  it('lets exactly one of two concurrent opens of the same case win', async () => {
    const riskCase = caseOf('acct-1', 0);
    const results = await Promise.all([store.open(riskCase), store.open({ ...riskCase, openedAt: at(7) })]);
    expect(results.sort()).toEqual(['exists', 'opened']);
  });

  it('finds the cases triggered in a time range, ends included', async () => {
    const cases = [caseOf('acct-1', 0), caseOf('acct-1', 60), caseOf('acct-1', 120), caseOf('acct-2', 60)];
    for (const riskCase of cases) await store.open(riskCase);
    const found = await store.triggeredBetween('acct-1', T0, T0 + 60 * MINUTE);
    expect(found.map((c) => c.caseId)).toEqual([cases[0]?.caseId, cases[1]?.caseId]);
  });

  it('records the action carried out', async () => {
    const riskCase = caseOf('acct-1', 0);
    await store.open(riskCase);
    await store.recordAction(riskCase, { at: new Date(at(6)), result: 'frozen' });
    expect(await store.get('acct-1', riskCase.caseId)).toMatchObject({ actionTakenAt: at(6), actionResult: 'frozen' });
  });

  it('keeps a recorded freeze when a racing run finds the account already frozen', async () => {
    const riskCase = caseOf('acct-1', 0);
    await store.open(riskCase);
    await store.recordAction(riskCase, { at: new Date(at(6)), result: 'frozen' });
    await store.recordAction(riskCase, { at: new Date(at(7)), result: 'already-frozen' });
    expect(await store.get('acct-1', riskCase.caseId)).toMatchObject({ actionTakenAt: at(6), actionResult: 'frozen' });
  });

  it('replaces already-frozen with the freeze of the run that made it', async () => {
    const riskCase = caseOf('acct-1', 0);
    await store.open(riskCase);
    await store.recordAction(riskCase, { at: new Date(at(6)), result: 'already-frozen' });
    await store.recordAction(riskCase, { at: new Date(at(7)), result: 'frozen' });
    expect(await store.get('acct-1', riskCase.caseId)).toMatchObject({ actionTakenAt: at(7), actionResult: 'frozen' });
  });

  it('refuses to record an action on a case that does not exist', async () => {
    await expect(store.recordAction(caseOf('acct-1', 0), { at: new Date(at(6)), result: 'frozen' })).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  describe('list', () => {
    it("lists one account's cases newest first by openedAt", async () => {
      // triggered in one order, opened in another (a late event)
      const older = caseOf('acct-1', 60, 70);
      const newer = caseOf('acct-1', 0, 80);
      await store.open(older);
      await store.open(newer);
      await store.open(caseOf('acct-2', 30));
      expect(await store.list({ accountId: 'acct-1' })).toEqual({
        items: [
          { caseId: newer.caseId, accountId: 'acct-1', pattern: 'pass-through', openedAt: newer.openedAt, status: 'OPEN' },
          { caseId: older.caseId, accountId: 'acct-1', pattern: 'pass-through', openedAt: older.openedAt, status: 'OPEN' },
        ],
      });
    });

    it('lists an account without cases as empty', async () => {
      expect(await store.list({ accountId: 'nobody' })).toEqual({ items: [] });
    });

    it("lists every account's cases newest first, page by page", async () => {
      const cases = [caseOf('acct-1', 0), caseOf('acct-2', 10), caseOf('acct-3', 20), caseOf('acct-1', 30), caseOf('acct-2', 40)];
      for (const riskCase of cases) await store.open(riskCase);
      const expected = [...cases].reverse().map((c) => c.caseId);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.caseId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    });

    it("pages one account's cases with the same cursor", async () => {
      const cases = [caseOf('acct-1', 0), caseOf('acct-1', 40), caseOf('acct-1', 80)];
      for (const riskCase of cases) await store.open(riskCase);
      const first = await store.list({ accountId: 'acct-1', limit: 2 });
      const second = await store.list({ accountId: 'acct-1', limit: 2, cursor: first.nextCursor ?? '' });
      expect([...first.items, ...second.items].map((item) => item.caseId)).toEqual([...cases].reverse().map((c) => c.caseId));
      expect(second.nextCursor).toBeUndefined();
    });

    it.each(['garbage', Buffer.from('{"o":"x","c":"y"}').toString('base64url')])('refuses a cursor it did not make (%s)', async (cursor) => {
      await expect(store.list({ cursor })).rejects.toThrow(InvalidCursorError);
    });
  });
});
