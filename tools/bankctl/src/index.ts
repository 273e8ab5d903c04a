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
