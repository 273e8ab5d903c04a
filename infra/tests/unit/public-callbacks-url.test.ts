import { StackPropsError } from '../../src/errors';
import { resources, synthStubStack } from '../fixtures/stub-stack';

describe('a custom address for the callbacks', () => {
  it('refuses an address that is not plain https', () => {
    for (const publicCallbacksUrl of ['http://hooks.example.com', 'not a url', 'https://hooks.example.com/?x=1', 'https://hooks.example.com/#x', 'https://user:pw@hooks.example.com']) {
      expect(() => synthStubStack({ publicCallbacksUrl })).toThrow(StackPropsError);
    }
  });

  it('refuses a path: the function signs over the address plus the path API Gateway gives it, which would include a mapping path', () => {
    expect(() => synthStubStack({ publicCallbacksUrl: 'https://api.example.com/callbacks' })).toThrow(/root/);
  });

  it('gives the callbacks function and the notifiers the custom address, and turns the callbacks execute-api URL off', () => {
    const synth = synthStubStack({ publicCallbacksUrl: 'https://hooks.example.com/' });
    try {
      const withUrl = Object.values(resources(synth.template, 'AWS::Lambda::Function'))
        .map((fn) => (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.PUBLIC_API_URL)
        .filter((url) => url !== undefined);
      expect(withUrl.length).toBeGreaterThanOrEqual(2);
      expect(new Set(withUrl)).toEqual(new Set(['https://hooks.example.com']));
      expect((synth.template.toJSON().Outputs as Record<string, { Value: unknown }>).CallbacksUrl?.Value).toBe('https://hooks.example.com');
      synth.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
      // The REST API's own address is a separate choice (disableExecuteApiEndpoint).
      expect(Object.values(resources(synth.template, 'AWS::ApiGateway::RestApi'))[0]?.Properties.DisableExecuteApiEndpoint).toBeUndefined();
    } finally {
      synth.cleanup();
    }
  });
});
