import { apiEnvOf, envName, localEnvOf, PluginConfigError, secretArnVariable, secretKeyVariable, secretsOf } from '../../src/index';

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

  it('leaves apiEnv out: what the notifiers read is the keys', () => {
    expect(secretsOf([{ secrets: [{ name: 'vapid', keys: ['publicKey'], apiEnv: { VAPID_PUBLIC_KEY: 'publicKey' } }] }])).toEqual([{ name: 'vapid', keys: ['publicKey'] }]);
  });
});

describe('apiEnvOf', () => {
  it("lists the public keys the plugins' secrets give the account API, one per variable", () => {
    const plugins = [
      { secrets: [{ name: 'vapid', keys: ['publicKey', 'privateKey'], apiEnv: { VAPID_PUBLIC_KEY: 'publicKey' } }, { name: 'twilio', keys: ['authToken'] }] },
      { secrets: [{ name: 'vapid', keys: ['publicKey'], apiEnv: { VAPID_PUBLIC_KEY: 'publicKey', PUSH_KEY_ID: 'publicKey' } }] },
      {},
    ];
    expect(apiEnvOf(plugins)).toEqual([
      { variable: 'PUSH_KEY_ID', secret: 'vapid', key: 'publicKey' },
      { variable: 'VAPID_PUBLIC_KEY', secret: 'vapid', key: 'publicKey' },
    ]);
    expect(apiEnvOf([{ secrets: [{ name: 'twilio', keys: ['authToken'] }] }])).toEqual([]);
  });

  it.each([
    [[{ name: 'vapid', keys: ['publicKey'], apiEnv: { VAPID_PUBLIC_KEY: 'privateKey' } }], 'names key privateKey, which the secret does not declare'],
    [[{ name: 'vapid', keys: ['publicKey'], apiEnv: { 'vapid-key': 'publicKey' } }], "is not an environment variable's name"],
    [
      [
        { name: 'vapid', keys: ['publicKey'], apiEnv: { VAPID_PUBLIC_KEY: 'publicKey' } },
        { name: 'other-push', keys: ['publicKey'], apiEnv: { VAPID_PUBLIC_KEY: 'publicKey' } },
      ],
      "is other-push.publicKey, and another plugin's vapid.publicKey",
    ],
  ])('refuses an apiEnv the host could not honour (%#)', (secrets, message) => {
    expect(() => apiEnvOf([{ secrets }])).toThrow(PluginConfigError);
    expect(() => apiEnvOf([{ secrets }])).toThrow(message);
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
