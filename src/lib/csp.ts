/** The Content-Security-Policy of every page: same-origin files only, no inline script or style, no eval. */

const DIRECTIVES: [string, string][] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
];

/** The policy as a meta tag may carry it (browsers ignore frame-ancestors there). */
export const CSP_META = DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The policy as an HTTP header, which can also forbid framing. */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'none'`;
