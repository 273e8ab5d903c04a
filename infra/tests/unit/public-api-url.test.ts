import { StackPropsError } from '../../src/errors';
import { resources, synthStubStack } from '../fixtures/stub-stack';

describe('the address providers call back', () => {
  it('refuses to turn the execute-api URL off without another address: callbacks would get 403', () => {
    expect(() => synthStubStack({ disableExecuteApiEndpoint: true })).toThrow(StackPropsError);
    expect(() => synthStubStack({ disableExecuteApiEndpoint: true })).toThrow(/publicApiUrl/);
  });

  it('refuses an address that is not plain https', () => {
    for (const publicApiUrl of ['http://api.example.com/v1', 'not a url', 'https://api.example.com/v1?x=1', 'https://user:pw@api.example.com/v1']) {
      expect(() => synthStubStack({ publicApiUrl })).toThrow(StackPropsError);
    }
  });

  it('gives the callbacks function and the notifiers the custom address', () => {
    const synth = synthStubStack({ disableExecuteApiEndpoint: true, publicApiUrl: 'https://api.example.com/v1' });
    try {
      const withUrl = Object.values(resources(synth.template, 'AWS::Lambda::Function'))
        .map((fn) => (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.PUBLIC_API_URL)
        .filter((url) => url !== undefined);
      expect(withUrl.length).toBeGreaterThanOrEqual(2);
      expect(new Set(withUrl)).toEqual(new Set(['https://api.example.com/v1']));
      synth.template.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
    } finally {
      synth.cleanup();
    }
  });
});
