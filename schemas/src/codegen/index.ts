/** Build-time code generation (never imported at runtime): compiled validators and the generated-files check. */
export { renderValidatorModule, renderValidatorExpression, runtimeImport, VALIDATOR_RUNTIME_MODULE } from './standalone';
export type { StandaloneSpec, ValidatorModule } from './standalone';
export { runGenerator, staleGeneratedFiles } from './generated-dir';
