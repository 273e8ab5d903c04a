// Compiled from api/*.json and the channels of @bank/topology by `npm run generate -w @bank/schemas`. Do not edit.
import type { CompiledValidator } from '../validation-issues';

export declare const OpenAccountRequest: CompiledValidator<unknown>;
export declare const UpdateAccountRequest: CompiledValidator<unknown>;
export declare const DepositRequest: CompiledValidator<unknown>;
export declare const WithdrawRequest: CompiledValidator<unknown>;
export declare const TransferRequest: CompiledValidator<unknown>;
export declare const PushSubscriptionRequest: CompiledValidator<unknown>;
export declare const ReasonRequest: CompiledValidator<unknown>;
