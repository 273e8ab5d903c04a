import { resolveSecretEnv, type SecretSource } from '../../src/provider-secrets';

const source = (secrets: Record<string, Record<string, unknown>>): (() => SecretSource) => () => ({
  getSecretJson: async (arn) => {
    const value = secrets[arn];
    if (!value) throw new Error(`no secret ${arn}`);
    return value;
  },
});

describe('resolveSecretEnv', () => {
  it('expands every <NAME>_SECRET_ARN into <NAME>_<KEY> entries', async () => {
    const env = await resolveSecretEnv(
      { TWILIO_SECRET_ARN: 'arn:twilio', SENDGRID_SECRET_ARN: 'arn:sg', OTHER: 'x' },
      source({ 'arn:twilio': { accountSid: 'AC1', authToken: 't' }, 'arn:sg': { apiKey: 'SG.k' } }),
    );
    expect(env).toMatchObject({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', SENDGRID_API_KEY: 'SG.k', OTHER: 'x' });
  });

  it('leaves out a secret it cannot read, saying which variable, so only its providers fail', async () => {
    const errors: unknown[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => void errors.push(args) };
    const env = await resolveSecretEnv({ BROKEN_SECRET_ARN: 'arn:missing', SENDGRID_SECRET_ARN: 'arn:sg' }, source({ 'arn:sg': { apiKey: 'SG.k' } }), logger);
    expect(env).toMatchObject({ SENDGRID_API_KEY: 'SG.k' });
    expect(JSON.stringify(errors)).toContain('BROKEN_SECRET_ARN');
  });

  it('does not touch process.env', async () => {
    await resolveSecretEnv({ SENDGRID_SECRET_ARN: 'arn:sg' }, source({ 'arn:sg': { apiKey: 'SG.secret' } }));
    expect(process.env.SENDGRID_API_KEY).not.toBe('SG.secret');
  });

  it('asks for no secret when none is configured', async () => {
    const env = { A: '1' };
    const result = await resolveSecretEnv(env, () => {
      throw new Error('should not be created');
    });
    expect(result).toBe(env);
  });

  it('takes only the keys the plugins declare from a declared secret, and names (never shows) the others', async () => {
    const warnings: unknown[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args), error: () => undefined };
    const env = await resolveSecretEnv(
      { PAGER_SECRET_ARN: 'arn:pager' },
      source({ 'arn:pager': { token: 'tok', adminPassword: 'do-not-pass-on' } }),
      logger,
      [{ name: 'pager', keys: ['token'] }],
    );
    expect(env).toMatchObject({ PAGER_TOKEN: 'tok' });
    expect(env).not.toHaveProperty('PAGER_ADMIN_PASSWORD');
    expect(JSON.stringify(warnings)).toContain('adminPassword');
    expect(JSON.stringify(warnings)).not.toContain('do-not-pass-on');
  });

  it('reads only the declared keys but names only those no plugin knows (a host reading part of a shared secret)', async () => {
    const warnings: unknown[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args), error: () => undefined };
    const env = await resolveSecretEnv(
      { TWILIO_SECRET_ARN: 'arn:twilio' },
      source({ 'arn:twilio': { accountSid: 'AC1', authToken: 'tok' } }),
      logger,
      [{ name: 'twilio', keys: ['authToken'] }],
      [{ name: 'twilio', keys: ['accountSid', 'authToken'] }],
    );
    expect(env).toMatchObject({ TWILIO_AUTH_TOKEN: 'tok' });
    expect(env).not.toHaveProperty('TWILIO_ACCOUNT_SID');
    expect(warnings).toEqual([]);
  });
});
