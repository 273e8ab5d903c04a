import {
  EVENT_TYPES,
  validateDepositRequest,
  validateOpenAccountRequest,
  validateTransferRequest,
  validateWithdrawRequest,
  type ValidationResult,
} from '../../src/index';

const validOpen = {
  accountId: 'acct_123-A',
  owner: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+15551234567' },
  notifications: { email: true, sms: false, whatsapp: true, push: false },
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

  it('accepts the minimal request (owner name and email only)', () => {
    expect(validateOpenAccountRequest({ owner: { name: 'A', email: 'a@b.co' } }).ok).toBe(true);
  });

  it.each([
    ['a missing owner', { ...validOpen, owner: undefined }, '/owner', 'is required'],
    ['a missing owner email', { ...validOpen, owner: { name: 'A' } }, '/owner/email', 'is required'],
    ['an invalid email', { ...validOpen, owner: { ...validOpen.owner, email: 'not-an-email' } }, '/owner/email', 'must be a valid email address'],
    ['an email over 254 characters', { ...validOpen, owner: { ...validOpen.owner, email: `${'a'.repeat(250)}@b.co` } }, '/owner/email', 'must be at most 254 characters'],
    ['a phone without +', { ...validOpen, owner: { ...validOpen.owner, phone: '5551234567' } }, '/owner/phone', 'must be an E.164 phone number such as +15551234567'],
    ['a phone starting +0', { ...validOpen, owner: { ...validOpen.owner, phone: '+0551234567' } }, '/owner/phone', 'must be an E.164 phone number such as +15551234567'],
    ['an empty name', { ...validOpen, owner: { ...validOpen.owner, name: '' } }, '/owner/name', 'must not be empty'],
    ['a name over 200 characters', { ...validOpen, owner: { ...validOpen.owner, name: 'n'.repeat(201) } }, '/owner/name', 'must be at most 200 characters'],
    ['an unknown owner property', { ...validOpen, owner: { ...validOpen.owner, ssn: '1' } }, '/owner/ssn', "unknown property 'ssn'"],
    ['an unknown top-level property', { ...validOpen, foo: 1 }, '/foo', "unknown property 'foo'"],
    ['an unknown notification channel', { ...validOpen, notifications: { pigeon: true } }, '/notifications/pigeon', "unknown property 'pigeon'"],
    ['a non-boolean channel flag', { ...validOpen, notifications: { sms: 'yes' } }, '/notifications/sms', 'must be a boolean'],
    ['an unsupported currency', { ...validOpen, currency: 'EUR' }, '/currency', 'must be one of: USD'],
    ['a zero initial deposit', { ...validOpen, initialDeposit: 0 }, '/initialDeposit', 'must be greater than 0'],
    ['a string initial deposit', { ...validOpen, initialDeposit: '100' }, '/initialDeposit', 'must be a number'],
    ['an SQL-injection account id', { ...validOpen, accountId: "' OR 1=1 --" }, '/accountId', "must be 1 to 64 letters, digits, '_' or '-'"],
    ['an account id over 64 characters', { ...validOpen, accountId: 'a'.repeat(65) }, '/accountId', "must be 1 to 64 letters, digits, '_' or '-'"],
  ])('rejects %s', (_case, input, path, message) => {
    expect(issuesOf(validateOpenAccountRequest(input))).toContainEqual({ path, message });
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(validateOpenAccountRequest({ owner: { name: 1, email: 'x' }, extra: true }));
    expect(issues.map((issue) => issue.path).sort()).toEqual(['/extra', '/owner/email', '/owner/name']);
  });

  it('never echoes the rejected value in a message', () => {
    const issues = issuesOf(validateOpenAccountRequest({ owner: { name: 'A', email: 'secret-person@@example' } }));
    expect(JSON.stringify(issues)).not.toContain('secret-person');
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
    expect(issuesOf(validateTransferRequest({ amount: 1 }))).toEqual([
      { path: '/fromAccountId', message: 'is required' },
      { path: '/toAccountId', message: 'is required' },
    ]);
  });

  it('rejects a malformed destination account id', () => {
    expect(issuesOf(validateTransferRequest({ fromAccountId: 'a', toAccountId: 'b c', amount: 1 }))).toEqual([
      { path: '/toAccountId', message: "must be 1 to 64 letters, digits, '_' or '-'" },
    ]);
  });
});

describe('compilation', () => {
  it('compiles every schema once at module load, never per call', () => {
    jest.isolateModules(() => {
      // Both modules come from the same isolated registry, so the spy sees the package's Ajv.
      const { default: Ajv2020 } = jest.requireActual<typeof import('ajv/dist/2020')>('ajv/dist/2020');
      const compile = jest.spyOn(Ajv2020.prototype, 'compile');
      const schemas = jest.requireActual<typeof import('../../src/index')>('../../src/index');
      const compiledAtLoad = compile.mock.calls.length;

      for (let i = 0; i < 3; i += 1) {
        schemas.validateDepositRequest({ accountId: 'a', amount: i + 1 });
        schemas.validateOpenAccountRequest({});
        schemas.validateEvent({ type: 'MoneyDeposited' });
      }

      expect(compiledAtLoad).toBe(4 + EVENT_TYPES.length + 1); // request bodies + event types + envelope
      expect(compile).toHaveBeenCalledTimes(compiledAtLoad);
    });
  });
});
