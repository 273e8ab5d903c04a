import type { ChannelPlugin } from './contract';

/**
 * Identity helper that types a plugin's `create(config)` against its Config, so a plugin file reads
 * `export default definePlugin<MyConfig>({ ... })` and gets checked without annotations.
 */
export function definePlugin<Config>(plugin: ChannelPlugin<Config>): ChannelPlugin<Config> {
  return plugin;
}
