export { startSandbox } from './sandbox';
export type { Sandbox, SandboxOptions, SandboxSettings } from './sandbox';
export type { CallbackRecord, CapturedMessage, Channel, Provider } from './captured-message';
export type { FaultSpec, FaultView, FaultsSnapshot } from './fault-plan';
export { SandboxError, SandboxStartError, SandboxRequestError, BodyTooLargeError } from './errors';
