// Compiled from api/*.json (the channel names of `notifications` are checked at run time) by `npm run generate -w @bank/schemas`. Do not edit.
import type { CompiledValidator } from '../validation-issues';

export declare const OpenAccountRequest: CompiledValidator<unknown>;
export declare const UpdateAccountRequest: CompiledValidator<unknown>;
export declare const DepositRequest: CompiledValidator<unknown>;
export declare const WithdrawRequest: CompiledValidator<unknown>;
export declare const TransferRequest: CompiledValidator<unknown>;
export declare const PushSubscriptionRequest: CompiledValidator<unknown>;
export declare const ReasonRequest: CompiledValidator<unknown>;
