import {
  validateDepositRequest,
  validateOpenAccountRequest,
  validateTransferRequest,
  validateUpdateAccountRequest,
  validateWithdrawRequest,
  MAX_ISSUES,
  type ValidationResult,
} from '../../src/index';

const validOpen = {
  notifications: { email: true, sms: false, whatsapp: true },
  currency: 'USD',
  initialDeposit: 100.5,
};

/** The issues of a failed validation (fails the test if it passed). */
function issuesOf<T>(result: ValidationResult<T>): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

describe('validateOpenAccountRequest', () => {
  it('accepts a complete request and returns it typed', () => {
    const result = validateOpenAccountRequest(validOpen);
    expect(result).toEqual({ ok: true, value: validOpen });
  });

  it('accepts the minimal request (an empty object) and the operator choices', () => {
    expect(validateOpenAccountRequest({}).ok).toBe(true);
    expect(validateOpenAccountRequest({ accountId: 'acct_123-A', ownerId: '0f6e7c52-1b6c-4f59-9f51-7d1e8e0c1a2b' }).ok).toBe(true);
  });

  it.each([
    ['contact details (they come from the identity)', { ...validOpen, owner: { name: 'A', email: 'a@example.com' } }, '/owner', "unknown property 'owner'"],
    ['an unknown top-level property', { ...validOpen, foo: 1 }, '/foo', "unknown property 'foo'"],
    ['an undeclared notification channel', { ...validOpen, notifications: { pigeon: true } }, '/notifications/pigeon', 'is not an allowed property name'],
    ['a non-boolean channel flag', { ...validOpen, notifications: { sms: 'yes' } }, '/notifications/sms', 'must be a boolean'],
    ['an unsupported currency', { ...validOpen, currency: 'EUR' }, '/currency', 'must be one of: USD'],
    ['a zero initial deposit', { ...validOpen, initialDeposit: 0 }, '/initialDeposit', 'must be greater than 0'],
    ['a string initial deposit', { ...validOpen, initialDeposit: '100' }, '/initialDeposit', 'must be a number'],
    ['an SQL-injection account id', { ...validOpen, accountId: "' OR 1=1 --" }, '/accountId', "must be 1 to 64 letters, digits, '_' or '-'"],
    ['an account id over 64 characters', { ...validOpen, accountId: 'a'.repeat(65) }, '/accountId', "must be 1 to 64 letters, digits, '_' or '-'"],
  ])('rejects %s', (_case, input, path, message) => {
    expect(issuesOf(validateOpenAccountRequest(input))).toContainEqual({ path, message });
  });

  it('stops at the first problem and bounds what it reports', () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x${i}`, i]));
    const issues = issuesOf(validateOpenAccountRequest({ ...wide, ['k'.repeat(5000)]: 1 }));
    expect(issues.length).toBeLessThanOrEqual(MAX_ISSUES);
    expect(issues.every((i) => i.path.length <= 200 && i.message.length <= 200)).toBe(true);
  });
});

describe('validateUpdateAccountRequest', () => {
  it('accepts a change of declared channels', () => {
    expect(validateUpdateAccountRequest({ notifications: { sms: false } }).ok).toBe(true);
  });

  it.each([
    ['no notifications', {}, '/notifications', 'is required'],
    ['an empty change', { notifications: {} }, '/notifications', 'must not be empty'],
    ['an undeclared channel', { notifications: { fax: true } }, '/notifications/fax', 'is not an allowed property name'],
  ])('rejects %s', (_case, input, path, message) => {
    expect(issuesOf(validateUpdateAccountRequest(input))).toContainEqual({ path, message });
  });
});

describe.each([
  ['validateDepositRequest', validateDepositRequest],
  ['validateWithdrawRequest', validateWithdrawRequest],
])('%s', (_name, validate) => {
  it('accepts an account id and a positive amount', () => {
    expect(validate({ accountId: '123456789', amount: 1000 })).toEqual({ ok: true, value: { accountId: '123456789', amount: 1000 } });
  });

  it.each([
    ['a negative amount', { accountId: 'a', amount: -5 }, '/amount', 'must be greater than 0'],
    ['a zero amount', { accountId: 'a', amount: 0 }, '/amount', 'must be greater than 0'],
    ['a string amount', { accountId: 'a', amount: '10' }, '/amount', 'must be a number'],
    ['a missing amount', { accountId: 'a' }, '/amount', 'is required'],
    ['a missing account id', { amount: 1 }, '/accountId', 'is required'],
    ['a numeric account id', { accountId: 123, amount: 1 }, '/accountId', 'must be a string'],
    ['an SQL-injection account id', { accountId: "' OR 1=1 --", amount: 1 }, '/accountId', "must be 1 to 64 letters, digits, '_' or '-'"],
    ['an extra property', { accountId: 'a', amount: 1, currency: 'USD' }, '/currency', "unknown property 'currency'"],
    ['an array body', [{ accountId: 'a', amount: 1 }], '/', 'must be an object'],
    ['a null body', null, '/', 'must be an object'],
  ])('rejects %s', (_case, input, path, message) => {
    expect(issuesOf(validate(input))).toContainEqual({ path, message });
  });
});

describe('validateTransferRequest', () => {
  it('accepts source, destination and amount', () => {
    expect(validateTransferRequest({ fromAccountId: 'a', toAccountId: 'b', amount: 0.01 }).ok).toBe(true);
  });

  it('requires both accounts', () => {
    expect(issuesOf(validateTransferRequest({ amount: 1 }))).toEqual([{ path: '/fromAccountId', message: 'is required' }]);
    expect(issuesOf(validateTransferRequest({ fromAccountId: 'a', amount: 1 }))).toEqual([{ path: '/toAccountId', message: 'is required' }]);
  });

  it('rejects a malformed destination account id', () => {
    expect(issuesOf(validateTransferRequest({ fromAccountId: 'a', toAccountId: 'b c', amount: 1 }))).toEqual([
      { path: '/toAccountId', message: "must be 1 to 64 letters, digits, '_' or '-'" },
    ]);
  });
});
