import { overrideManifest, interpolateEnv, ManifestError, parseManifest } from '../../src/index';

describe('parseManifest', () => {
  it('parses JSON text into providers per channel, in order', () => {
    const manifest = parseManifest('{"channels":{"email":[{"plugin":"a","config":{"k":1}},{"plugin":"b"}],"sms":[]}}');

    expect(manifest).toEqual({ channels: { email: [{ plugin: 'a', config: { k: 1 } }, { plugin: 'b' }], sms: [] } });
  });

  it('accepts an already-parsed object', () => {
    expect(parseManifest({ channels: { push: [{ plugin: './p' }] } }).channels.push).toEqual([{ plugin: './p' }]);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseManifest('{channels')).toThrow(ManifestError);
  });

  it('rejects a manifest without a channels object', () => {
    expect(() => parseManifest({ email: [] })).toThrow(/"channels" object/);
  });

  it('lists every malformed provider entry with its path', () => {
    try {
      parseManifest({ channels: { email: [{ plugin: '' }, { plugin: 'x', config: [] }, 'y', { plugin: 'z', extra: 1 }], sms: {} } });
      throw new Error('expected a ManifestError');
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      expect((error as ManifestError).errors.map((issue) => issue.path)).toEqual([
        '/channels/email/0/plugin',
        '/channels/email/1/config',
        '/channels/email/2',
        '/channels/email/3/extra',
        '/channels/sms',
      ]);
    }
  });
});

describe('interpolateEnv', () => {
  it('replaces ${NAME} anywhere in nested strings and leaves other values alone', () => {
    const config = { url: 'http://${HOST}:${PORT}/v3', nested: { list: ['${HOST}'] }, port: 25, secure: false };

    expect(interpolateEnv(config, { HOST: 'localhost', PORT: '4010' })).toEqual({
      url: 'http://localhost:4010/v3',
      nested: { list: ['localhost'] },
      port: 25,
      secure: false,
    });
  });

  it('uses the default of ${NAME:-default} when the variable is unset or empty', () => {
    expect(interpolateEnv({ a: '${A:-x}', b: '${B:-}', c: '${C:-z}' }, { A: '', C: 'set' })).toEqual({ a: 'x', b: '', c: 'set' });
  });

  it('fails naming the variable and its path when a required variable is unset', () => {
    expect(() => interpolateEnv({ auth: { apiKey: '${SENDGRID_API_KEY}' } }, {}, '/channels/email/0/config')).toThrow(
      'environment variable SENDGRID_API_KEY is not set (used at /channels/email/0/config/auth/apiKey)',
    );
  });
});

describe('overrideManifest', () => {
  const base = parseManifest({ channels: { email: [{ plugin: 'a' }], sms: [{ plugin: 'b' }] } });

  it('replaces the providers of the channels the override names and keeps the others', () => {
    expect(overrideManifest(base, parseManifest({ channels: { email: [{ plugin: 'c' }] } }))).toEqual({
      channels: { email: [{ plugin: 'c' }], sms: [{ plugin: 'b' }] },
    });
  });

  it('leaves a manifest alone when the override names none of its channels', () => {
    expect(overrideManifest(base, parseManifest({ channels: { pager: [{ plugin: 'p' }] } })).channels).toMatchObject(base.channels);
  });
});
