import { ManifestError } from './errors';

export interface ManifestProvider {
  /** Module specifier: a package name (`@bank/plugin-email-sendgrid`) or a file path. */
  readonly plugin: string;
  readonly config?: Record<string, unknown>;
}

/** Per channel, the providers in fallback order. */
export interface Manifest {
  readonly channels: Record<string, ManifestProvider[]>;
}

export type Env = Readonly<Record<string, string | undefined>>;

type Issue = { path: string; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkProvider(entry: unknown, path: string, issues: Issue[]): ManifestProvider | undefined {
  if (!isRecord(entry)) {
    issues.push({ path, message: 'must be an object' });
    return undefined;
  }
  const { plugin, config } = entry;
  if (typeof plugin !== 'string' || plugin.trim() === '') issues.push({ path: `${path}/plugin`, message: 'must be a non-empty string' });
  if (config !== undefined && !isRecord(config)) issues.push({ path: `${path}/config`, message: 'must be an object' });
  for (const key of Object.keys(entry)) {
    if (key !== 'plugin' && key !== 'config') issues.push({ path: `${path}/${key}`, message: 'is not allowed' });
  }
  if (typeof plugin !== 'string' || (config !== undefined && !isRecord(config))) return undefined;
  return config === undefined ? { plugin } : { plugin, config };
}

/**
 * Parses a manifest given as JSON text or an already-parsed value and checks its shape:
 * `{ "channels": { "<channel>": [ { "plugin": "<specifier>", "config": { ... } } ] } }`.
 */
export function parseManifest(input: unknown): Manifest {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      throw new ManifestError(`manifest is not valid JSON: ${(error as Error).message}`);
    }
  }
  const issues: Issue[] = [];
  if (!isRecord(value) || !isRecord(value.channels)) {
    throw new ManifestError('manifest must be an object with a "channels" object', [{ path: '/channels', message: 'must be an object' }]);
  }
  const channels: Record<string, ManifestProvider[]> = {};
  for (const [channel, providers] of Object.entries(value.channels)) {
    const path = `/channels/${channel}`;
    if (!Array.isArray(providers)) {
      issues.push({ path, message: 'must be an array of providers' });
      continue;
    }
    channels[channel] = providers.flatMap((entry: unknown, index) => checkProvider(entry, `${path}/${index}`, issues) ?? []);
  }
  if (issues.length > 0) {
    throw new ManifestError(`invalid manifest: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  }
  return { channels };
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of `value` (recursively) from `env`.
 * A `${NAME}` without default whose variable is unset (or empty) is an error naming the variable
 * and where it is used, never its value.
 */
export function interpolateEnv<T>(value: T, env: Env, path = ''): T {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      throw new ManifestError(`environment variable ${name} is not set (used at ${path || '/'})`, [
        { path: path || '/', message: `environment variable ${name} is not set` },
      ]);
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown, index) => interpolateEnv(item, env, `${path}/${index}`)) as T;
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env, `${path}/${key}`)])) as T;
  }
  return value;
}

/**
 * A manifest with some channels' providers replaced: each channel the override names gets the
 * override's list, every other channel keeps the base's. So one override (`NOTIFIER_MANIFEST`)
 * changes the notifier that serves its channels and leaves every other notifier alone.
 *
 * @example overrideManifest(base, { channels: { email: [{ plugin: './my-plugin' }] } }) // sms, whatsapp unchanged
 */
export function overrideManifest(base: Manifest, override: Manifest): Manifest {
  return { channels: { ...base.channels, ...override.channels } };
}
