// Compiled from events/envelope/v1.json and what each event type a channel subscribes to (@bank/topology) adds to it by `npm run generate -w @bank/schemas`. Do not edit.
import type { CompiledValidator } from '../validation-issues';

export declare const EventEnvelope: CompiledValidator<unknown>;
export declare const MoneyDeposited: CompiledValidator<unknown>;
export declare const MoneyWithdrawn: CompiledValidator<unknown>;
export declare const TransferSent: CompiledValidator<unknown>;
export declare const TransferReceived: CompiledValidator<unknown>;
export declare const DebitHeld: CompiledValidator<unknown>;
export declare const HoldApproved: CompiledValidator<unknown>;
export declare const HoldDeclined: CompiledValidator<unknown>;
export declare const NotificationChannelDisabled: CompiledValidator<unknown>;
