
/** Connection flags shared by every command. */
export interface ConnectionFlags {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  readonly aws?: boolean | undefined;
}

/** Where the AWS calls go: an emulator with dummy credentials, or AWS through the standard chain. */
export type AwsTarget =
  | { readonly kind: 'local'; readonly endpoint: string; readonly region: string }
  | { readonly kind: 'aws'; readonly region?: string | undefined; readonly profile?: string | undefined; readonly endpoint?: string | undefined };

const DEFAULT_REGION = 'us-east-1';

/**
 * Precedence: `--aws` or `--profile` → AWS (standard credential chain; `--endpoint` or
 * `AWS_ENDPOINT_URL` still honoured); `--endpoint` → that emulator; `--region` or
 * `AWS_ENDPOINT_URL` → standard chain; otherwise what `stack-outputs.json` names: the local
 * stack's emulator, or (written by `npm run deploy`) the AWS region of the deployed stack.
 */
export function resolveTarget(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
  readStackFile: () => { endpoint?: string; region: string },
): AwsTarget {
  const envEndpoint = env.AWS_ENDPOINT_URL || undefined;
  if (flags.aws || flags.profile) return { kind: 'aws', region: flags.region, profile: flags.profile, endpoint: flags.endpoint ?? envEndpoint };
  if (flags.endpoint) return { kind: 'local', endpoint: flags.endpoint, region: flags.region ?? env.AWS_REGION ?? DEFAULT_REGION };
  if (flags.region || envEndpoint) return { kind: 'aws', region: flags.region, endpoint: envEndpoint };
  const stack = readStackFile();
  if (!stack.endpoint) return { kind: 'aws', region: flags.region ?? stack.region, endpoint: undefined };
  return { kind: 'local', endpoint: stack.endpoint, region: flags.region ?? stack.region };
}
