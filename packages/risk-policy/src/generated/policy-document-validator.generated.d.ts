// Compiled from src/policy-schema.ts by `npm run generate -w @bank/risk-policy`. Do not edit.
import type { CompiledValidator } from '@bank/schemas';

export declare const RiskPolicyDocument: CompiledValidator<unknown>;
