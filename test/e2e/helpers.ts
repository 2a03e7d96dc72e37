import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { paste } from '../../scripts/worksheet-journey.mjs';

// The real runs the course journey uses, before and after hardening.
export { COURSE_RUN_AFTER, COURSE_RUN_BEFORE } from '../../scripts/worksheet-journey.mjs';

export const DIST = join(process.cwd(), 'dist');

/** Every page of the built site, as a URL path ending in a slash (from the site's root, without its base path). */
export function builtPages(dist = DIST): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html')
        pages.push(
          `/${relative(dist, dir)
            .split(sep)
            .filter(Boolean)
            .map((s) => `${s}/`)
            .join('')}`
        );
    }
  };
  walk(dist);
  return pages.sort();
}

/** The HTML of a built page. */
export function builtHtml(pagePath: string, dist = DIST): string {
  return readFileSync(join(dist, pagePath, 'index.html'), 'utf8');
}

/**
 * The internal links of a built site that lead nowhere: to no file, to a fragment the page lacks, or out
 * of the base path the site was built for.
 */
export function brokenLinks(dist = DIST, base = '/'): string[] {
  const broken: string[] = [];
  for (const p of builtPages(dist)) {
    const html = builtHtml(p, dist);
    for (const [, href] of html.matchAll(/\shref="([^"]+)"/g)) {
      if (!href || /^(?:https?|mailto):/.test(href)) continue;
      const url = new URL(href.replaceAll('&amp;', '&'), `http://site${base}${p.slice(1)}`);
      if (!url.pathname.startsWith(base)) {
        broken.push(`${p} -> ${href} (outside ${base})`);
        continue;
      }
      const target = `/${url.pathname.slice(base.length)}`;
      const file = target.endsWith('/') ? join(dist, target, 'index.html') : join(dist, target);
      if (!existsSync(file)) {
        broken.push(`${p} -> ${href}`);
        continue;
      }
      if (url.hash && target.endsWith('/')) {
        const id = decodeURIComponent(url.hash.slice(1));
        if (!builtHtml(target, dist).includes(`id="${id}"`))
          broken.push(`${p} -> ${href} (no #${id})`);
      }
    }
  }
  return broken;
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
  return { violations: () => Promise.resolve([...violations]), errors };
}

/** The real benchmark outputs beside the repository (../shared/fixtures, or STRIDE_SHARED). */
export interface BenchOutputs {
  /** Where a benchmark output lies, by its path under fixtures/. */
  path: (file: string) => string;
  /** A benchmark output's text. */
  read: (file: string) => string;
}

export interface WorksheetFixtures {
  benchOutputs: BenchOutputs;
  /** Pastes text into the text box named `box` (its exact name), as a user does. */
  paste: (box: string, text: string, on?: Page) => Promise<void>;
  /** Clicks the button named `trigger` (exactly), or runs `trigger`, and returns the text of the file it downloads. */
  download: (trigger: string | (() => Promise<unknown>)) => Promise<string>;
}

/** Playwright's test with the worksheet's fixtures. */
export const test = base.extend<WorksheetFixtures>({
  // Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  benchOutputs: async ({}, use) => {
    const shared = process.env.STRIDE_SHARED ?? join(process.cwd(), '../shared');
    const path = (file: string) => join(shared, 'fixtures', file);
    await use({ path, read: (file) => readFileSync(path(file), 'utf8') });
  },
  paste: async ({ page }, use) => {
    await use((box, text, on = page) => paste(on, box, text));
  },
  download: async ({ page }, use) => {
    await use(async (trigger) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        typeof trigger === 'string'
          ? page.getByRole('button', { name: trigger, exact: true }).click()
          : trigger(),
      ]);
      return readFileSync(await file.path(), 'utf8');
    });
  },
});
