import type { AccountService } from '@bank/account-service';
import type { ChannelDisabler } from './ports';

/**
 * ChannelDisabler over the account service's `disableChannel`, built on first use (a callback
 * that disables nothing never pays for the account service's clients).
 */
export function accountServiceDisabler(createService: () => Pick<AccountService, 'disableChannel'>): ChannelDisabler {
  let service: Pick<AccountService, 'disableChannel'> | undefined;
  return {
    disableChannel: (customerId, channel, reason) => (service ??= createService()).disableChannel(customerId, channel, reason),
  };
}
