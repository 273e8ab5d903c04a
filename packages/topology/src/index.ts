export { buildTopology, notifiersOf, filterPolicyFor, optInAttribute, findChannel, tableKeySchema, MONEY_EVENT_TYPES, EVENT_SOURCE, DEFAULT_LARGE_WITHDRAWAL_MINOR } from './topology';
export type { Topology, TopologyOptions, NotifierDef, EventRuleDef, TableDef } from './topology';
export { defineChannel, DEFAULT_RETRY } from './channel';
export type { ChannelDef, ChannelDeclaration, ChannelAddress, ChannelTemplate, RetryPolicy } from './channel';
export { CHANNELS } from './channels/index';
export { ACCOUNT_ITEM_SORT_KEY, PROFILE_SORT_KEY, customerPartition, registryEntrySortKey, registrySortKeyPrefix } from './account-items';
