// Compiled from events/envelope/v1.json and, per type, what events/<Type>/v<N>.json adds to it (type, dataschema, data) by `npm run generate -w @bank/schemas`. Do not edit.
import type { CompiledValidator } from '../validation-issues';

export declare const EventEnvelope: CompiledValidator<unknown>;
export declare const AccountOpened: CompiledValidator<unknown>;
export declare const MoneyDeposited: CompiledValidator<unknown>;
export declare const MoneyWithdrawn: CompiledValidator<unknown>;
export declare const TransferSent: CompiledValidator<unknown>;
export declare const TransferReceived: CompiledValidator<unknown>;
export declare const RiskCaseOpened: CompiledValidator<unknown>;
export declare const AccountFrozen: CompiledValidator<unknown>;
export declare const AccountUnfrozen: CompiledValidator<unknown>;
export declare const AccountClosed: CompiledValidator<unknown>;
export declare const DebitHeld: CompiledValidator<unknown>;
export declare const HoldApproved: CompiledValidator<unknown>;
export declare const HoldDeclined: CompiledValidator<unknown>;
export declare const RiskPolicyChanged: CompiledValidator<unknown>;
export declare const NotificationChannelDisabled: CompiledValidator<unknown>;
