import type { NotifierLogger } from '@bank/notifier-runtime';
import { createPowertoolsMetrics, logOutcome } from '../../src/observability';
import type { RiskCase } from '../../src/domain/risk-case';

const riskCase = { caseId: 'C1', pattern: 'fan-out', mode: 'shadow' } as const satisfies Partial<RiskCase>;
const processed = { messageId: 'm1', eventId: 'e1', accountId: 'acct-1', kind: 'processed' as const, opened: [riskCase as RiskCase], frozen: [riskCase as RiskCase] };

describe('createPowertoolsMetrics', () => {
  it('counts the message, each case opened by pattern and mode, and each freeze by pattern', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      createPowertoolsMetrics('risk-test').record(processed);
    } finally {
      spy.mockRestore();
    }
    const blobs = lines.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(blobs).toEqual([
      expect.objectContaining({ outcome: 'processed', RiskMessages: 1 }),
      expect.objectContaining({ pattern: 'fan-out', mode: 'shadow', RiskCasesOpened: 1 }),
      expect.objectContaining({ pattern: 'fan-out', RiskAccountsFrozen: 1 }),
    ]);
  });
});

describe('logOutcome', () => {
  it('logs a dead-lettered message as an error with ids and codes', () => {
    const calls: [string, string, Record<string, unknown> | undefined][] = [];
    const logger: NotifierLogger = {
      debug: (message, extra) => calls.push(['debug', message, extra]),
      info: (message, extra) => calls.push(['info', message, extra]),
      warn: (message, extra) => calls.push(['warn', message, extra]),
      error: (message, extra) => calls.push(['error', message, extra]),
    };
    logOutcome(logger, { messageId: 'm2', kind: 'permanent', failure: { class: 'InvalidMessageError', reason: 'event failed schema validation', code: 'INVALID_EVENT' } });
    expect(calls).toEqual([['error', 'message dead-lettered', expect.objectContaining({ messageId: 'm2', failureCode: 'INVALID_EVENT' })]]);
  });
});
