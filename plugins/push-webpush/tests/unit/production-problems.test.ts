import plugin from '../../src/index';

describe('web push plugin outside the local stack', () => {
  const config = {
    vapidPublicKey: 'B'.repeat(87),
    vapidPrivateKey: 'p'.repeat(43),
    subject: 'mailto:ops@example.com',
    ttlSeconds: 60,
    urgency: 'normal' as const,
    timeoutMs: 1000,
    caFile: '',
  };

  it('refuses an extra certificate authority (the sandbox one) and accepts the public ones alone', () => {
    expect(plugin.productionProblems?.(config)).toEqual([]);
    expect(plugin.productionProblems?.({ ...config, caFile: '/tmp/sandbox-ca.pem' })).toEqual(['caFile trusts an extra certificate authority']);
  });
});
