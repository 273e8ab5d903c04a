/** What the config validators `bank-plugins sync` compiles into a notifier call at runtime (a few kilobytes, not Ajv). */
export { ucs2length, equal, formats, fail, collect } from '@bank/schemas/validator-runtime';
