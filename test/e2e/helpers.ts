import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';

export const DIST = join(process.cwd(), 'dist');

/** Every page of the built site, as a URL path ending in a slash. */
export function builtPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html')
        pages.push(
          `/${relative(DIST, dir)
            .split(sep)
            .filter(Boolean)
            .map((s) => `${s}/`)
            .join('')}`
        );
    }
  };
  walk(DIST);
  return pages.sort();
}

/** The HTML of a built page. */
export function builtHtml(pagePath: string): string {
  return readFileSync(join(DIST, pagePath, 'index.html'), 'utf8');
}

const AXE_SOURCE = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and returns its violations. axe is evaluated through the DevTools protocol, which the
 * page's Content-Security-Policy does not govern, so the policy under test stays as strict as it ships.
 */
export async function axeViolations(
  page: Page
): Promise<{ id: string; help: string; nodes: { target: unknown }[] }[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object
          ) => Promise<{
            violations: { id: string; help: string; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** Collects every request the page makes and every console error, for asserting nothing leaves the origin. */
export function watch(page: Page): { requests: string[]; errors: string[] } {
  const seen = { requests: [] as string[], errors: [] as string[] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  return seen;
}

/** Records Content-Security-Policy violations (across navigations) and console errors of a page; await it before navigating. */
export async function watchCsp(
  page: Page
): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  const violations: string[] = [];
  const errors: string[] = [];
  await page.exposeFunction('__reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation(
        `${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`
      );
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { violations: async () => violations, errors };
}
