import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, type IPrincipal, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOCK_FILE, REPO_ROOT } from './repo-paths';

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

/**
 * A Lambda function the way this project deploys them: bundled locally with esbuild (minified,
 * source maps, the AWS SDK v3 bundled so only the clients the handler imports are shipped),
 * ARM64, X-Ray, JSON logs into its own log group, and a role with no managed policy: callers add
 * exactly the statements the function needs.
 */
export class BankFunction extends Construct implements IGrantable {
  readonly function: NodejsFunction;
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
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
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
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: OutputFormat.CJS,
        // Prefer the SDK's ES module builds so esbuild can drop what the handler never calls.
        mainFields: ['module', 'main'],
        externalModules: [],
        forceDockerBundling: false,
      },
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
