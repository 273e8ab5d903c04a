export { run, main } from './main';
export type { CliIo, TextSink } from './main';
export {
  BankctlError,
  UsageError,
  UnknownChannelError,
  ConfirmationRequiredError,
  UnsupportedOperationError,
  QueueNotFoundError,
  TableNotFoundError,
  ArchiveNotFoundError,
  EventBusNotFoundError,
  MessageNotFoundError,
  NoCredentialsError,
  LocalStackNotFoundError,
  AwsOperationError,
  EXIT_OPERATIONAL,
  EXIT_USAGE,
} from './errors';
export { createUser, signIn, generatePassword } from './aws/cognito-users';
export type { NewUser, CreatedUser, Tokens } from './aws/cognito-users';
export { parseStackOutputs, renderStackOutputs, STACK_OUTPUTS_FILE } from './core/stack-outputs';
export type { StackOutputs } from './core/stack-outputs';
