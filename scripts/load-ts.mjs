// Loads project TypeScript into a plain Node script: esbuild bundles the entry modules into one ES module,
// imported from a data: URL, so scripts and unit tests share one implementation without a loader hook.
import { build } from 'esbuild';

/** Bundles and imports the given TypeScript modules (paths relative to root), re-exporting all of them. */
export async function loadTs(root, entries) {
  const result = await build({
    stdin: {
      contents: entries.map((e) => `export * from './${e}';`).join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return import(
    `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`
  );
}
