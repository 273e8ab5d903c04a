export { bundleFunction, FUNCTION_BUILD_OPTIONS, pruneRulesFor } from './function-bundle';
export type { FunctionBundleOptions } from './function-bundle';
