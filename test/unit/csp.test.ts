import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../src/lib/csp';

describe('the Content-Security-Policy', () => {
  it('allows nothing inline, no eval and nothing from another origin', () => {
    expect(CSP_HEADER).toMatch(/^default-src 'none'; /);
    expect(CSP_HEADER).not.toMatch(/unsafe-|data:|blob:|https?:|\*/);
    expect(CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(CSP_META).not.toContain('frame-ancestors');
  });

  it('is the one every hosting recipe sends', () => {
    expect(readFileSync('public/_headers', 'utf8')).toContain(
      `Content-Security-Policy: ${CSP_HEADER}\n`
    );
    expect(readFileSync('deploy/security-headers.conf', 'utf8')).toContain(
      `add_header Content-Security-Policy "${CSP_HEADER}" always;`
    );
  });
});
