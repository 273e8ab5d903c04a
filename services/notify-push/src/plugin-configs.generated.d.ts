// Generated from manifest.json by `bank-plugins sync` (the package's `npm run build`): the bundled plugins' config schemas, compiled. Do not edit.
import type { ConfigValidator } from '@bank/plugin-sdk';

export declare const configValidators: Readonly<Record<string, ConfigValidator>>;
