import path from 'node:path';
import { localEnvOf } from '@bank/plugin-sdk';
import { bundledPlugins } from '@bank/plugin-sdk/bundle';
import type { Topology } from '@bank/topology';

/**
 * The environment that points every notifier's plugins at the provider sandbox: each plugin's
 * declared `local` settings with the sandbox's values filled in, and the flag that lets the host
 * accept such configs (elsewhere it refuses them as unfit for production). Names no provider.
 */
export function sandboxProviderEnv(topology: Topology, repoRoot: string, settings: Readonly<Record<string, string>>): Record<string, string> {
  const plugins = topology.notifiers.flatMap((notifier) => bundledPlugins(path.join(repoRoot, notifier.dir)));
  return { BANK_PROVIDER_SANDBOX: 'true', ...localEnvOf(plugins, settings) };
}
