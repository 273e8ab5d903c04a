import { parseStackOutputs, renderStackOutputs } from '../../../src/core/stack-outputs';
import { LocalStackNotFoundError } from '../../../src/errors';

const outputs = { ApiUrl: 'http://localhost:3000', UserPoolId: 'us-east-1_abc', UserPoolClientId: 'client', Region: 'us-east-1', AwsEndpointUrl: 'http://127.0.0.1:5000' };

describe('stack-outputs.json', () => {
  it('round-trips the outputs under the stack name, as cdk deploy --outputs-file writes them', () => {
    const text = renderStackOutputs(outputs);
    expect(JSON.parse(text)).toEqual({ CheckingAccounts: outputs });
    expect(parseStackOutputs(text, 'f')).toEqual(outputs);
  });

  it('defaults the region', () => {
    const { Region: _region, ...rest } = outputs;
    expect(parseStackOutputs(JSON.stringify({ CheckingAccounts: rest }), 'f').Region).toBe('us-east-1');
  });

  it.each(['not json', '{}', '{"CheckingAccounts":{}}', '{"OtherStack":{"ApiUrl":"x","UserPoolId":"y","UserPoolClientId":"z"}}'])('rejects %p', (content) => {
    expect(() => parseStackOutputs(content, 'f')).toThrow(LocalStackNotFoundError);
  });
});
