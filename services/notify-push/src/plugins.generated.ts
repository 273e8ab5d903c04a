// Generated from manifest.json by `bank-plugins sync` (the package's `npm run build`). Do not edit.
// Static imports, so the bundler carries exactly the plugins the manifest names.
import * as plugin0 from '@bank/plugin-push-webpush';

export const plugins: Readonly<Record<string, unknown>> = {
  '@bank/plugin-push-webpush': plugin0,
};
