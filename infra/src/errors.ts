/** Base error of the infra package: every synth-time problem is one of its subclasses. */
export class InfraError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A Lambda entry point named by the stack (or the topology) does not exist on disk. */
export class MissingEntryError extends InfraError {
  constructor(readonly entry: string, readonly absolutePath: string) {
    super(`Lambda entry ${entry} not found (looked at ${absolutePath}); write the handler or fix the path before synthesizing`);
  }
}

/** A JSON Schema under schemas/ cannot be expressed as an API Gateway (draft-04) model. */
export class SchemaConversionError extends InfraError {}

/** The topology asks for something the AWS resources cannot do (e.g. an out-of-range concurrency). */
export class TopologyConstraintError extends InfraError {}

/** The stack's props contradict each other or name an unusable value. */
export class StackPropsError extends InfraError {}

/** A deployed plugin declares something the stack cannot give it (an `apiEnv` that would replace the API's own setting). */
export class PluginDeclarationError extends InfraError {}
