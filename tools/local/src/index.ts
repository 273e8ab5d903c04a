export { startLocalStack, REPO_ROOT } from './stack';
export type { LocalStack, LocalStackOptions } from './stack';
export { provision } from './provision';
export type { AwsClients, ProvisionedResources, QueuePair } from './provision';
export { startSqsPoller, toSqsRecord } from './sqs-poller';
export { startStreamPoller, toLambdaRecord } from './stream-poller';
export { startHttpServer, toProxyEvent } from './http-server';
export { cachingVerifier, createSignatureVerifier, createTokenVerifier } from './token-verifier';
export type { LocalVerifierOptions, TokenVerifier } from './token-verifier';
