import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, type IPrincipal, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InfraError } from './errors';
import { REPO_ROOT } from './repo-paths';

/** The runtime every function uses (the issue pins nodejs22.x; tests assert it). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

export interface BankFunctionProps {
  /** Absolute path of the handler file (it must `export const handler`). */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
}

const BUNDLER = path.join(__dirname, 'bundling', 'main.ts');

/**
 * The asset of one function: bundled on this machine by `bundling/main.ts` (esbuild's JS API,
 * so notifiers can prune the vendor SDKs their plugins wrap; `tryBundle` is synchronous, hence
 * the child process). The asset hash is the bundle's, like NodejsFunction's.
 */
function bundledCode(entry: string): Code {
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type; never used, local bundling either succeeds or fails synth.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      // Never run either, but CDK caches bundles by source path and bundling options, and every
      // function's source is the repo: with the entry here, each function gets its own bundle.
      command: ['bundle', path.relative(REPO_ROOT, entry)],
      local: {
        tryBundle(outputDir) {
          const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), BUNDLER, entry, outputDir], { cwd: REPO_ROOT, encoding: 'utf8' });
          if (run.status !== 0) throw new InfraError(`bundling ${path.relative(REPO_ROOT, entry)} failed: ${run.stderr || run.error?.message || `exit ${run.status}`}`);
          return true;
        },
      },
    },
  });
}

/**
 * A Lambda function the way this project deploys them: bundled locally with esbuild (minified,
 * source maps without the sources' text, the AWS SDK v3 bundled so only the clients the handler
 * imports are shipped, a notifier's vendor SDKs pruned to what its plugins call), ARM64, X-Ray,
 * JSON logs into its own log group, and a role with no managed policy: callers add exactly the
 * statements the function needs.
 */
export class BankFunction extends Construct implements IGrantable {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BankFunctionProps) {
    super(scope, id);
    // Kept after the stack is gone (an audit trail); the stack's LogGroupPolicy also encrypts it.
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    // The log group's ARN ends in ':*', which covers its streams: no account-wide logs access.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );
    this.function = new LambdaFunction(this, 'Function', {
      code: bundledCode(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    });
  }

  get grantPrincipal(): IPrincipal {
    return this.role;
  }

  /** Adds one least-privilege statement to the execution role, optionally with IAM conditions. */
  allow(actions: readonly string[], resources: readonly string[], conditions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: [...resources], ...(conditions ? { conditions: { ...conditions } } : {}) }),
    );
  }
}
