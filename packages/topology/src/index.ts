export { buildTopology, filterPolicyFor, optInAttribute, findChannel, tableKeySchema, MONEY_EVENT_TYPES, EVENT_SOURCE, DEFAULT_LARGE_WITHDRAWAL_MINOR } from './topology';
export type { Topology, TopologyOptions, ChannelDef, NotifierDef, EventRuleDef, TableDef, RetryPolicy } from './topology';
