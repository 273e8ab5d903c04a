import { AccountClosedError, AccountNotFoundError, type Principal } from '@bank/account-service';
import { accountServiceFreezer, type FreezeCommand } from '../../src/account-service-freezer';

/** Stands in for the account service's freeze command until the real one is wired in tests. */
class FakeFreezeCommand implements FreezeCommand {
  readonly calls: { principal: Principal; accountId: string; reason: string }[] = [];

  constructor(private readonly answer: (accountId: string) => { changed: boolean }) {}

  async freeze(principal: Principal, accountId: string, reason: string): Promise<{ changed: boolean }> {
    this.calls.push({ principal, accountId, reason });
    return this.answer(accountId);
  }
}

describe('accountServiceFreezer', () => {
  it('freezes as the risk service, an operator, with the case as the reason', async () => {
    const service = new FakeFreezeCommand(() => ({ changed: true }));
    const result = await accountServiceFreezer({ service }).freeze('acct-1', 'risk case 01J (pass-through)', 'risk-service');
    expect(result).toBe('frozen');
    expect(service.calls).toEqual([
      { principal: { customerId: 'risk-service', username: 'risk-service', operator: true }, accountId: 'acct-1', reason: 'risk case 01J (pass-through)' },
    ]);
  });

  it('answers already-frozen when the account was frozen before', async () => {
    const freezer = accountServiceFreezer({ service: new FakeFreezeCommand(() => ({ changed: false })) });
    expect(await freezer.freeze('acct-1', 'r', 'risk-service')).toBe('already-frozen');
  });

  it('answers not-applicable for an unknown account', async () => {
    const freezer = accountServiceFreezer({
      service: new FakeFreezeCommand((id) => {
        throw new AccountNotFoundError(id);
      }),
    });
    expect(await freezer.freeze('nobody', 'r', 'risk-service')).toBe('not-applicable');
  });

  it('answers not-applicable for a closed account', async () => {
    const freezer = accountServiceFreezer({
      service: new FakeFreezeCommand(() => {
        throw new AccountClosedError();
      }),
    });
    expect(await freezer.freeze('acct-1', 'r', 'risk-service')).toBe('not-applicable');
  });

  it('lets any other failure through, so the message is retried and the case still owes its freeze', async () => {
    const freezer = accountServiceFreezer({
      service: new FakeFreezeCommand(() => {
        throw new Error('ProvisionedThroughputExceededException');
      }),
    });
    await expect(freezer.freeze('acct-1', 'r', 'risk-service')).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
