import type { LocalStack } from '../../src/stack';
import { messages, openCustomerAccount, post, startTestStack, waitForMessages } from './helpers';

// A channel, its notifier and its provider that exist only as fixtures: the topology learns the
// declaration the way `channels/index.ts` would list it, and the plugin package resolves to the
// fixture. Nothing outside tests/fixtures knows "pager".
jest.mock('pager-plugin', () => jest.requireActual('../fixtures/pager/plugin'), { virtual: true });
jest.mock('@bank/topology', () => {
  const actual: typeof import('@bank/topology') = jest.requireActual('@bank/topology');
  const { pagerDeclaration, pagerNotifier }: typeof import('../fixtures/pager/channel') = jest.requireActual('../fixtures/pager/channel');
  const pager = actual.defineChannel(pagerDeclaration);
  return {
    ...actual,
    CHANNELS: [...actual.CHANNELS, pager],
    buildTopology: (options?: Parameters<typeof actual.buildTopology>[0]) => {
      const topology = actual.buildTopology(options);
      const retry = options?.maxReceiveCount ? { ...pager.retry, maxReceiveCount: options.maxReceiveCount } : pager.retry;
      return { ...topology, channels: [...topology.channels, { ...pager, retry }], notifiers: [...topology.notifiers, pagerNotifier] };
    },
  };
});

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('a channel added from fixtures only', () => {
  it('gets its queue, its notifier and its provider, and delivers to the verified contact it declares', async () => {
    expect(stack.resources.channels.pager).toBeDefined();
    const customer = await openCustomerAccount(stack, { pager: true });
    const other = await openCustomerAccount(stack, { pager: false });

    expect((await post(stack, '/deposit', { accountId: customer.accountId, amount: 25 })).status).toBe(200);
    expect((await post(stack, '/deposit', { accountId: other.accountId, amount: 25 })).status).toBe(200);

    const pagerMessages = (all: Awaited<ReturnType<typeof messages>>) => all.filter((m) => m.channel === 'pager');
    await waitForMessages(stack, (all) => pagerMessages(all).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(pagerMessages(await messages(stack))).toEqual([
      expect.objectContaining({ provider: 'generic', channel: 'pager', to: customer.phone, title: 'Deposit', body: 'Pager: $25 in, balance $25.' }),
    ]);
  });
});
