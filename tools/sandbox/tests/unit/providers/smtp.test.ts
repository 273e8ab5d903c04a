import { smtpCodeFor } from '../../../src/providers/smtp';

describe('smtpCodeFor', () => {
  it('maps HTTP 5xx to 554 and HTTP 4xx to 451', () => {
    expect(smtpCodeFor({ status: 500, smtpCode: null })).toBe(554);
    expect(smtpCodeFor({ status: 503, smtpCode: null })).toBe(554);
    expect(smtpCodeFor({ status: 429, smtpCode: null })).toBe(451);
    expect(smtpCodeFor({ status: 400, smtpCode: null })).toBe(451);
  });

  it('prefers an explicit smtpCode', () => {
    expect(smtpCodeFor({ status: 500, smtpCode: 421 })).toBe(421);
  });
});
