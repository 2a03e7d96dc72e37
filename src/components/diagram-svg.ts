import { url } from '../lib/site';

/** The SVGs made by `npm run diagrams` (src/diagrams/<name>.svg), read at build time. */
const svgs = import.meta.glob<string>('../diagrams/*.svg', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * The markup of diagram `name`, e.g. "docker", its links (generated as site paths) under the base path of
 * this build; a clear build error when it was never generated.
 */
export function diagramSvg(name: string): string {
  const svg = svgs[`../diagrams/${name}.svg`];
  if (svg === undefined) {
    throw new Error(
      `Diagram "${name}": src/diagrams/${name}.svg does not exist. Run \`npm run diagrams\` to generate it from content/models/${name}.yaml.`
    );
  }
  return svg.replaceAll('href="/', `href="${url('/')}`);
}
