import { envName, localEnvOf, PluginConfigError, secretArnVariable, secretKeyVariable, secretsOf } from '../../src/index';

describe('secret variable names', () => {
  it('derive from the secret name and key', () => {
    expect(envName('accountSid')).toBe('ACCOUNT_SID');
    expect(secretArnVariable('twilio')).toBe('TWILIO_SECRET_ARN');
    expect(secretArnVariable('web-push')).toBe('WEB_PUSH_SECRET_ARN');
    expect(secretKeyVariable('sendgrid', 'apiKey')).toBe('SENDGRID_API_KEY');
  });
});

describe('secretsOf', () => {
  it('merges the keys of plugins that share a secret, one entry per secret', () => {
    const plugins = [
      { secrets: [{ name: 'twilio', keys: ['authToken', 'accountSid'] }] },
      { secrets: [{ name: 'twilio', keys: ['accountSid'] }, { name: 'other', keys: ['k'] }] },
      {},
    ];

    expect(secretsOf(plugins)).toEqual([
      { name: 'twilio', keys: ['accountSid', 'authToken'] },
      { name: 'other', keys: ['k'] },
    ]);
  });
});

describe('localEnvOf', () => {
  const plugin = (id: string, env: Record<string, string>) => ({ id, channel: 'email', local: { env } });

  it('fills the sandbox placeholders of every plugin', () => {
    const env = localEnvOf([plugin('a', { A_URL: '{sandboxUrl}/a', A_KEY: 'local' }), plugin('b', { B_PORT: '{smtpPort}' })], {
      sandboxUrl: 'http://127.0.0.1:4010',
      smtpPort: '2525',
    });

    expect(env).toEqual({ A_URL: 'http://127.0.0.1:4010/a', A_KEY: 'local', B_PORT: '2525' });
  });

  it('refuses a placeholder the sandbox does not offer, naming the plugin', () => {
    expect(() => localEnvOf([plugin('a', { A_URL: '{nowhere}' })], {})).toThrow(new PluginConfigError('plugin email/a: local setting A_URL uses unknown placeholder {nowhere}'));
  });

  it('accepts two plugins that agree on a shared variable and refuses two that disagree', () => {
    expect(localEnvOf([plugin('a', { SHARED: 'x' }), plugin('b', { SHARED: 'x' })], {})).toEqual({ SHARED: 'x' });
    expect(() => localEnvOf([plugin('a', { SHARED: 'x' }), plugin('b', { SHARED: 'y' })], {})).toThrow(/conflicts/);
  });
});
