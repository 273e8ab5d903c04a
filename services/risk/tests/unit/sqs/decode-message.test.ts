import { decodeMessage } from '../../../src/sqs/decode-message';
import { InvalidMessageError } from '../../../src/domain/errors';
import { at, deposit, eventBridgeBody } from '../../support/events';

const failureOf = (body: string): InvalidMessageError => {
  try {
    decodeMessage(body);
  } catch (error) {
    if (error instanceof InvalidMessageError) return error;
    throw error;
  }
  throw new Error('expected the message to be rejected');
};

describe('decodeMessage', () => {
  it('reads the CloudEvent from the EventBridge detail', () => {
    const event = deposit('acct-1', 100, at(0));
    expect(decodeMessage(eventBridgeBody(event))).toEqual({ kind: 'money', event });
  });

  it('passes over a valid event that moves no money', () => {
    const caseEvent = {
      specversion: '1.0', id: 'risk-case-1', source: 'bank.account', type: 'RiskCaseOpened', time: at(0), subject: 'acct-1', datacontenttype: 'application/json',
      dataschema: 'urn:bank:events:RiskCaseOpened:v1', data: { caseId: 'c1', accountId: 'acct-1', pattern: 'fan-out', openedAt: at(0), mode: 'enforce', action: 'flag' },
    };
    expect(decodeMessage(eventBridgeBody(caseEvent))).toEqual({ kind: 'other', eventId: 'risk-case-1', eventType: 'RiskCaseOpened' });
  });

  it('rejects a body that is not JSON', () => {
    expect(failureOf('{not json').code).toBe('INVALID_JSON');
  });

  it('rejects a bare CloudEvent (not what the EventBridge rule delivers)', () => {
    expect(failureOf(JSON.stringify(deposit('acct-1', 100, at(0)))).errors).toEqual([{ path: '/detail', message: 'must be an object' }]);
  });

  it('rejects an event that breaks its schema, with paths into the body and without the values', () => {
    const event = deposit('acct-1', 100, at(0));
    const error = failureOf(eventBridgeBody({ ...event, data: { ...event.data, amount: -5, email: 'ada@example.com' } }));
    expect(error.code).toBe('INVALID_EVENT');
    // Validation stops at the first problem (untrusted input): one of the two, pointed at inside the body.
    expect(error.errors.map((issue) => issue.path)).toEqual([expect.stringMatching(/^\/detail\/data\/(amount|email)$/)]);
    expect(JSON.stringify(error.errors) + error.message).not.toContain('ada@example.com');
  });
});
