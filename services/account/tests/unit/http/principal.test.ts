import { groupsClaim, principalFromClaims, UnauthenticatedError } from '../../../src/http/principal';

const access = { sub: 'sub-1', username: 'user-1', token_use: 'access', client_id: 'client-a' };

describe('principalFromClaims', () => {
  it('maps an access token\'s claims to the customer it names', () => {
    expect(principalFromClaims(access)).toEqual({ customerId: 'sub-1', username: 'user-1', operator: false });
  });

  it('falls back to the sub when the username claim is absent', () => {
    expect(principalFromClaims({ ...access, username: undefined }).username).toBe('sub-1');
  });

  it.each([
    ['the operators group as API Gateway passes it', 'operators', true],
    ['several groups, comma separated', 'auditors,operators', true],
    ['several groups in brackets', '[auditors operators]', true],
    ['a group array (the local verifier)', ['operators'], true],
    ['another group only', 'auditors', false],
    ['a group whose name only contains it', 'operators-trainee', false],
    ['no groups', undefined, false],
  ])('reads %s', (_name, groups, operator) => {
    expect(principalFromClaims({ ...access, 'cognito:groups': groups }).operator).toBe(operator);
  });

  it.each([
    ['no claims', undefined],
    ['an empty sub', { ...access, sub: '' }],
    ['an ID token', { ...access, token_use: 'id' }],
    ['no token_use', { sub: 'x' }],
  ])('refuses %s as unauthenticated', (_name, claims) => {
    expect(() => principalFromClaims(claims)).toThrow(UnauthenticatedError);
  });

  it('refuses a token of another app client when clients are pinned', () => {
    expect(() => principalFromClaims({ ...access, client_id: 'client-b' }, { allowedClientIds: ['client-a'] })).toThrow(UnauthenticatedError);
    expect(principalFromClaims(access, { allowedClientIds: ['client-a'] }).customerId).toBe('sub-1');
  });

  it('answers 401 with a Bearer challenge', () => {
    const error = new UnauthenticatedError();
    expect([error.status, error.code, error.headers['WWW-Authenticate']]).toEqual([401, 'UNAUTHENTICATED', 'Bearer']);
  });
});

describe('groupsClaim', () => {
  it('ignores non-string entries', () => {
    expect(groupsClaim(['a', 1, null])).toEqual(['a']);
  });
});
