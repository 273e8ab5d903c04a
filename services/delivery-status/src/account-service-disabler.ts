import type { ChannelDisabler, DisableReason, StatusLogger } from './ports';

type DisableChannel = ChannelDisabler['disableChannel'];

/**
 * ChannelDisabler over the account service's `disableChannel`, built on first use (a callback
 * that disables nothing never pays for the account service's clients).
 */
export function accountServiceDisabler(createService: () => object, logger: StatusLogger): ChannelDisabler {
  let disable: DisableChannel | undefined;
  return {
    async disableChannel(customerId: string, channel: string, reason: DisableReason) {
      if (!disable) {
        const service = createService();
        const candidate: unknown = (service as Record<string, unknown>).disableChannel;
        if (typeof candidate !== 'function') {
          // The account service of this build cannot turn channels off yet: the status is recorded, the channel stays on.
          logger.error('the account service has no disableChannel; channel left on', { channel, code: reason.code, deliveryId: reason.deliveryId });
          return { changed: false };
        }
        disable = (candidate as DisableChannel).bind(service);
      }
      return disable(customerId, channel, reason);
    },
  };
}
