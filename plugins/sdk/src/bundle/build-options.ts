import type { BuildOptions } from 'esbuild';

/**
 * How a function is bundled for Lambda (infra/src/bundling) and how plugin tests bundle a plugin
 * the same way: minified CommonJS for Node 22, ES module builds first so esbuild can drop what is
 * never called (the AWS SDK's in particular).
 */
export const FUNCTION_BUILD_OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  mainFields: ['module', 'main'],
  logLevel: 'silent',
} as const satisfies BuildOptions;
