export { buildTopology, filterPolicyFor, optInAttribute, findChannel, tableKeySchema, MONEY_EVENT_TYPES, EVENT_SOURCE, DEFAULT_LARGE_WITHDRAWAL_MINOR } from './topology';
export type { Topology, TopologyOptions, NotifierDef, EventRuleDef, TableDef } from './topology';
export { defineChannel, DEFAULT_RETRY } from './channel';
export type { ChannelDef, ChannelDeclaration, ChannelAddress, ChannelTemplate, RetryPolicy } from './channel';
export { CHANNELS } from './channels/index';
export { IDENTITY, STACK_NAME } from './identity';
export type { IdentityDef } from './identity';
export { API_ROUTES, GATEWAY_PROBLEMS, findRoute, gatewayProblemBody, matchRoutePath, pathParameters } from './api-routes';
export type { ApiRouteDef, GatewayProblem, RouteAccess, RouteMatch, HttpMethod } from './api-routes';
