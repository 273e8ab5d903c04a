import { matchPath } from '../../../src/http/routes';

describe('matchPath', () => {
  it('extracts and decodes path parameters', () => {
    expect(matchPath('/accounts/{accountId}', '/accounts/abc%2Dd')).toEqual({ accountId: 'abc-d' });
  });

  it('tolerates a trailing slash', () => {
    expect(matchPath('/deposit', '/deposit/')).toEqual({});
  });

  it('does not match other shapes', () => {
    expect(matchPath('/accounts/{accountId}', '/accounts/1/transactions')).toBeUndefined();
    expect(matchPath('/deposit', '/withdraw')).toBeUndefined();
  });

  it('keeps undecodable parameters raw for the validator to reject', () => {
    expect(matchPath('/accounts/{accountId}', '/accounts/%E0%A4%A')).toEqual({ accountId: '%E0%A4%A' });
  });
});
