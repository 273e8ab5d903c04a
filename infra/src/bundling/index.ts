export { bundleFunction, pruneRulesFor } from './function-bundle';
export type { FunctionBundleOptions } from './function-bundle';
