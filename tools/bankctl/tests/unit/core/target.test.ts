import { resolveTarget } from '../../../src/core/target';
import { LocalStackNotFoundError } from '../../../src/errors';

const stack = (): { endpoint: string; region: string } => ({ endpoint: 'http://127.0.0.1:5000', region: 'us-east-1' });
const noStack = (): never => {
  throw new LocalStackNotFoundError('stack-outputs.json');
};

describe('resolveTarget', () => {
  it('uses the local stack file by default', () => {
    expect(resolveTarget({}, {}, stack)).toEqual({ kind: 'local', endpoint: 'http://127.0.0.1:5000', region: 'us-east-1' });
  });

  it('fails clearly when there is no local stack', () => {
    expect(() => resolveTarget({}, {}, noStack)).toThrow(LocalStackNotFoundError);
  });

  it('lets --endpoint override the stack file', () => {
    expect(resolveTarget({ endpoint: 'http://127.0.0.1:9', region: 'eu-west-1' }, {}, noStack)).toEqual({ kind: 'local', endpoint: 'http://127.0.0.1:9', region: 'eu-west-1' });
  });

  it.each([
    [{ aws: true }, {}],
    [{ profile: 'ops' }, {}],
    [{ region: 'eu-west-1' }, {}],
    [{}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:7' }],
  ])('uses the standard chain with %p and env %p', (flags, env) => {
    expect(resolveTarget(flags, env, noStack).kind).toBe('aws');
  });

  it('keeps profile, region and AWS_ENDPOINT_URL for the standard chain', () => {
    expect(resolveTarget({ profile: 'ops', region: 'eu-west-1' }, { AWS_ENDPOINT_URL: 'http://127.0.0.1:7' }, noStack)).toEqual({
      kind: 'aws',
      profile: 'ops',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:7',
    });
  });
});

describe('resolveTarget with a deployed stack', () => {
  it('uses AWS in the stack\'s region when stack-outputs.json names no emulator', () => {
    expect(resolveTarget({}, {}, () => ({ region: 'eu-west-1' }))).toEqual({ kind: 'aws', region: 'eu-west-1', endpoint: undefined });
  });
});
