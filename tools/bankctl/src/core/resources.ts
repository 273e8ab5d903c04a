import { findChannel, type Topology } from '@bank/topology';
import { UnknownChannelError } from '../errors';

/** The AWS names one `dlq` command works on. */
export interface ChannelResources {
  readonly channel: string;
  readonly queueName: string;
  readonly dlqName: string;
  readonly deliveriesTable: string;
}

export interface EventResources {
  readonly busName: string;
  readonly archiveName: string;
}

/**
 * Names come from the topology. `suffix` (env `BANK_RESOURCE_SUFFIX`) is appended to every name,
 * so tests and side-by-side stacks can use their own copies (`notify-email-dlq-x1`).
 */
export function channelResources(topology: Topology, channel: string, suffix = ''): ChannelResources {
  const def = findChannel(topology, channel);
  if (!def) throw new UnknownChannelError(channel, topology.channels.map((c) => c.name));
  return {
    channel: def.name,
    queueName: `${def.queueName}${suffix}`,
    dlqName: `${def.dlqName}${suffix}`,
    deliveriesTable: `${topology.deliveriesTable.name}${suffix}`,
  };
}

export function eventResources(topology: Topology, suffix = ''): EventResources {
  return { busName: `${topology.bus.name}${suffix}`, archiveName: `${topology.bus.archiveName}${suffix}` };
}
