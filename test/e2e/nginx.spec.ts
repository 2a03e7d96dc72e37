import { expect, test } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { BROTLI_MODULE, startNginx } from '../../scripts/nginx-server.mjs';
import { builtPages, DIST, watchCsp } from './helpers';

// Serves dist/ with Debian's nginx and the shipped server block, on loopback only.
const PORT = Number(process.env.NGINX_PORT ?? 4380);
let server: { origin: string; stop: () => void };
let origin: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startNginx({ port: PORT, dist: DIST });
  origin = server.origin;
});

test.afterAll(() => server?.stop());

const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
];

/** Sends bytes no browser would send and returns the status line and headers nginx answers with. */
function rawRequest(request: string): Promise<{ status: number; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [statusLine = '', ...lines] = answer.split('\r\n\r\n')[0]!.split('\r\n');
      const headers = new Headers();
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
  });
}

test('pages carry the security headers and are revalidated on every visit', async () => {
  const headers = (await fetch(`${origin}/docker/`)).headers;
  expect(headers.get('content-security-policy')).toBe(
    readFileSync('public/_headers', 'utf8').match(/Content-Security-Policy: (.*)/)![1]
  );
  expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('permissions-policy')).toContain('camera=()');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('cache-control')).toBe('no-cache');
});

test('hashed assets are cached for a year and keep the security headers', async () => {
  const asset = readdirSync(join(DIST, '_astro')).find((f) => f.endsWith('.css'))!;
  const response = await fetch(`${origin}/_astro/${asset}`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-type')).toContain('text/css');
});

test('an unknown address gets the site 404 page with status 404', async () => {
  const response = await fetch(`${origin}/threats/docker-x-99/`);
  expect(response.status).toBe(404);
  expect(await response.text()).toContain('Page not found');
});

test("nginx's own answers to a malformed request or an overlong address carry the security headers", async () => {
  const malformed = await rawRequest('GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n');
  expect(malformed.status).toBe(400);
  const overlong = await fetch(`${origin}/threats/${'a'.repeat(10_000)}/`);
  expect(overlong.status).toBe(414);
  const page = (await fetch(`${origin}/`)).headers;
  for (const { headers } of [malformed, overlong])
    for (const name of SECURITY_HEADERS) {
      expect(page.get(name), name).toBeTruthy();
      expect(headers.get(name), name).toBe(page.get(name));
    }
});

test('the crosswalk CSV is sent as text/csv and compressed', async () => {
  const response = await fetch(`${origin}/crosswalk.csv`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-encoding')).toBe('gzip');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('no-cache');
  expect((await response.text()).split('\n')[0]).toBe(
    readFileSync(join(DIST, 'crosswalk.csv'), 'utf8').split('\n')[0]
  );
});

test("the static hosts' header rules are not served", async () => {
  const response = await fetch(`${origin}/_headers`);
  expect(response.status).toBe(404);
  expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  const body = await response.text();
  expect(body).toContain('Page not found');
  expect(body).not.toContain('Cache-Control: public');
});

test('the policy is enforced: an inline script is blocked and reported', async ({ page }) => {
  const seen = await watchCsp(page);
  await page.goto(`${origin}/`);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'document.body.dataset.injected = "yes"';
    document.head.append(s);
  });
  // The header and the meta tag each enforce the policy, so each reports it.
  await expect
    .poll(seen.violations)
    .toEqual(['/: script-src-elem inline', '/: script-src-elem inline']);
  await expect(page.locator('body')).not.toHaveAttribute('data-injected', 'yes');
});

test('every page works under the header policy: no violation, no console error', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seen = await watchCsp(page);
  for (const p of builtPages()) {
    const response = await page.goto(`${origin}${p}`, { waitUntil: 'load' });
    expect(response?.status(), p).toBe(200);
  }
  expect(await seen.violations()).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('the search index is sent pre-compressed, its hashed files cached for good and its manifest revalidated', async () => {
  const manifest = await fetch(`${origin}/search-index/manifest.json`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  expect(manifest.headers.get('content-encoding')).toBe('gzip');
  expect(manifest.headers.get('content-type')).toContain('application/json');
  expect(manifest.headers.get('cache-control')).toBe('no-cache');
  const { dir } = (await manifest.json()) as { dir: string };
  const shard = `search-index/${dir}/t0.json`;
  const response = await fetch(`${origin}/${shard}`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(response.headers.get('content-encoding')).toBe('gzip');
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  // The pre-compressed file itself went out, not a copy compressed on the fly.
  expect(Number(response.headers.get('content-length'))).toBe(
    readFileSync(join(DIST, `${shard}.gz`)).length
  );
});

test('a browser that accepts Brotli gets the .br copy of each search index file', async () => {
  expect(
    existsSync(BROTLI_MODULE),
    `nginx's Brotli module (${BROTLI_MODULE}): apt-get install libnginx-mod-http-brotli-static`
  ).toBe(true);
  const manifest = await fetch(`${origin}/search-index/manifest.json`, {
    headers: { 'Accept-Encoding': 'br, gzip' },
  });
  expect(manifest.headers.get('content-encoding')).toBe('br');
  const { dir } = (await manifest.json()) as { dir: string };
  for (const file of [`search-index/${dir}/t0.json`, `search-index/${dir}/d0.json`]) {
    const response = await fetch(`${origin}/${file}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Number(response.headers.get('content-length'))).toBe(
      readFileSync(join(DIST, `${file}.br`)).length
    );
    // fetch decodes Brotli: the body is the JSON the build wrote.
    expect(await response.text()).toBe(readFileSync(join(DIST, file), 'utf8'));
  }
});
