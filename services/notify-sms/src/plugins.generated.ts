// Generated from manifest.json by `bank-plugins sync` (the package's `npm run build`). Do not edit.
// Static imports, so the bundler carries exactly the plugins the manifest names.
import * as plugin0 from '@bank/plugin-sms-twilio';
import * as plugin1 from '@bank/plugin-whatsapp-twilio';

export const plugins: Readonly<Record<string, unknown>> = {
  '@bank/plugin-sms-twilio': plugin0,
  '@bank/plugin-whatsapp-twilio': plugin1,
};

export { configValidators } from './plugin-configs.generated';
