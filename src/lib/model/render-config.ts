import { createHash } from 'node:crypto';

/**
 * Bump when the post-processing in scripts/diagrams.mjs changes what it writes, so every committed SVG
 * is flagged stale until it is regenerated.
 */
export const GENERATOR_VERSION = 2;

/** A font stack with Arial's metrics on every OS: text is measured once, when the SVG is made. */
export const FONT_FAMILY = 'Arial, "Liberation Sans", Helvetica, sans-serif';

/** Mermaid's text size in the SVG, and the smallest size a label may be shown at on a page. */
export const FONT_PX = 16;
export const MIN_LABEL_PX = 11;

/** Mermaid settings shared by both themes; the `secure` keys cannot be overridden from a diagram source. */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  deterministicIds: true,
  htmlLabels: false,
  look: 'classic',
  fontFamily: FONT_FAMILY,
  fontSize: FONT_PX,
  flowchart: {
    htmlLabels: false,
    useMaxWidth: true,
    curve: 'basis',
    nodeSpacing: 30,
    rankSpacing: 45,
  },
  secure: [
    'secure',
    'securityLevel',
    'startOnLoad',
    'maxTextSize',
    'suppressErrorRendering',
    'maxEdges',
    'theme',
    'themeVariables',
    'themeCSS',
    'darkMode',
    'fontFamily',
    'fontSize',
    'htmlLabels',
    'look',
  ],
  suppressErrorRendering: true,
} as const;

/** The two renders whose colours become the light and dark CSS variables. */
export const THEMES = { light: { theme: 'default' }, dark: { theme: 'dark' } } as const;

/** Diagram names become the SVG id `dg-<name>`, used in CSS selectors and ARIA references. */
export const DIAGRAM_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Hash stamped on a generated SVG: it changes with the source, the settings, the Mermaid pin or the generator. */
export function sourceHash(source: string, mermaidPin: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        source,
        config: MERMAID_CONFIG,
        themes: THEMES,
        mermaid: mermaidPin,
        generator: GENERATOR_VERSION,
      })
    )
    .digest('hex');
}
