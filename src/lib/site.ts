/** Site-wide constants: name, navigation, and where the site is served. */

export const SITE_NAME = 'container-stride';
export const SITE_DESCRIPTION =
  'A STRIDE threat model of Docker and Kubernetes: component diagrams with trust boundaries, a page per threat with CIS controls and ATT&CK mappings, and a hardening worksheet.';

/** Site paths (from the site's root); links to them go through url(). */
export const NAV_ITEMS = [
  { href: '/docker/', label: 'Docker' },
  { href: '/kubernetes/', label: 'Kubernetes' },
  { href: '/threats/', label: 'Threats' },
  { href: '/worksheet/', label: 'Worksheet' },
  { href: '/guides/', label: 'Guides' },
  { href: '/crosswalk/', label: 'Crosswalk' },
  { href: '/about/', label: 'About' },
] as const;

/** A site path under a base path: withBase('/sub/', '/threats/#top') is "/sub/threats/#top". */
export function withBase(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${prefix}${path.startsWith('/') ? path.slice(1) : path}`;
}

/**
 * The address of a site path ("/threats/", "/search-index.json") where this build is served: under the
 * base path the build was given (BASE_PATH), so the site works at a host's root or in a folder of it.
 * Every internal link, fetch and asset address goes through here.
 */
export function url(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}
