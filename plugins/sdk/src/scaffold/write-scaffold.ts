import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ScaffoldError, scaffoldPlugin, type ScaffoldOptions } from './scaffold-plugin';

/** Writes a scaffolded plugin into `<parentDir>/<name>`; refuses to overwrite an existing directory. */
export async function writeScaffold(options: ScaffoldOptions & { readonly parentDir: string }): Promise<{ dir: string; files: string[] }> {
  const files = scaffoldPlugin(options);
  const dir = path.resolve(options.parentDir, options.name);
  const exists = await stat(dir).then(
    () => true,
    () => false,
  );
  if (exists) throw new ScaffoldError(`${dir} already exists`);
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content, { flag: 'wx' });
  }
  return { dir, files: Object.keys(files) };
}
