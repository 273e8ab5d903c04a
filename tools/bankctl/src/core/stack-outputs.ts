import { STACK_NAME } from '@bank/topology';
import { LocalStackNotFoundError } from '../errors';

/**
 * `stack-outputs.json` at the repository root, in the shape `cdk deploy --outputs-file` writes:
 * `{"CheckingAccounts": {"ApiUrl", "UserPoolId", "UserPoolClientId", "Region", ...}}`. `npm start`
 * writes the same file for the local stack, with `AwsEndpointUrl` (the emulator) and `SandboxUrl`.
 */
export interface StackOutputs {
  readonly ApiUrl: string;
  readonly UserPoolId: string;
  readonly UserPoolClientId: string;
  readonly Region: string;
  /** Local stack only: the AWS API emulator. */
  readonly AwsEndpointUrl?: string;
  /** Local stack only: the provider sandbox. */
  readonly SandboxUrl?: string;
  readonly [output: string]: string | undefined;
}

export const STACK_OUTPUTS_FILE = 'stack-outputs.json';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the outputs of the stack from the file's text; `file` is only named in errors. */
export function parseStackOutputs(content: string, file: string): StackOutputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content) as unknown;
  } catch (err) {
    throw new LocalStackNotFoundError(file, { cause: err });
  }
  const outputs = isRecord(parsed) ? parsed[STACK_NAME] : undefined;
  if (!isRecord(outputs)) throw new LocalStackNotFoundError(file);
  const text = (key: string): string => (typeof outputs[key] === 'string' ? (outputs[key] as string) : '');
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(outputs)) if (typeof value === 'string') result[key] = value;
  if (!text('ApiUrl') || !text('UserPoolId') || !text('UserPoolClientId')) throw new LocalStackNotFoundError(file);
  return { ...result, ApiUrl: text('ApiUrl'), UserPoolId: text('UserPoolId'), UserPoolClientId: text('UserPoolClientId'), Region: text('Region') || 'us-east-1' };
}

/** The file's JSON for these outputs. */
export function renderStackOutputs(outputs: StackOutputs): string {
  return `${JSON.stringify({ [STACK_NAME]: outputs }, null, 2)}\n`;
}
