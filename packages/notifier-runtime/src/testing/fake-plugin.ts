import type { ChannelPlugin, OutboundMessage, SendResult } from '@bank/plugin-sdk';

/** What the fake does on the next send; default: succeed. */
export type FakeSendBehaviour = (message: OutboundMessage, callNumber: number) => SendResult | Error;

export interface FakePlugin {
  readonly plugin: ChannelPlugin;
  /** Every message the fake accepted. Contains PII in real use: test-only. */
  readonly sent: OutboundMessage[];
  /** Every call, accepted or not. */
  readonly calls: OutboundMessage[];
  /** Replaces the behaviour for the next calls. */
  behave(next: FakeSendBehaviour): void;
}

/** An in-process ChannelPlugin for tests: records messages, returns `<id>-<n>` ids or the error the behaviour returns. */
export function createFakePlugin(options: { id: string; channel: string; behaviour?: FakeSendBehaviour }): FakePlugin {
  const sent: OutboundMessage[] = [];
  const calls: OutboundMessage[] = [];
  let behaviour: FakeSendBehaviour = options.behaviour ?? (() => ({ providerMessageId: `${options.id}-${sent.length + 1}` }));
  const plugin: ChannelPlugin = {
    id: options.id,
    channel: options.channel,
    version: '0.0.0-test',
    configSchema: { type: 'object' },
    create: () => ({
      async send(message: OutboundMessage): Promise<SendResult> {
        calls.push(message);
        const result = behaviour(message, calls.length);
        if (result instanceof Error) throw result;
        sent.push(message);
        return result;
      },
    }),
  };
  return { plugin, sent, calls, behave: (next) => (behaviour = next) };
}
