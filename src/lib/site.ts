/** Site-wide constants: name, navigation. */

export const SITE_NAME = 'container-stride';
export const SITE_DESCRIPTION =
  'A STRIDE threat model of Docker and Kubernetes: component diagrams with trust boundaries, a page per threat with CIS controls and ATT&CK mappings, and a hardening worksheet.';

export const NAV_ITEMS = [
  { href: '/docker/', label: 'Docker' },
  { href: '/kubernetes/', label: 'Kubernetes' },
  { href: '/threats/', label: 'Threats' },
  { href: '/worksheet/', label: 'Worksheet' },
  { href: '/guides/', label: 'Guides' },
  { href: '/crosswalk/', label: 'Crosswalk' },
  { href: '/about/', label: 'About' },
] as const;
