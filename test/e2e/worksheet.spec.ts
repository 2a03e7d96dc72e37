import { expect, type Page } from '@playwright/test';
import { pageAssets } from '../../scripts/page-weight.mjs';
import {
  axeViolations,
  COURSE_RUN_AFTER,
  COURSE_RUN_BEFORE,
  DIST,
  test,
  watch,
  type WorksheetFixtures,
} from './helpers';

const LIVE = '2.15 Ensure live restore is Enabled';
const PROXY = '2.16 Ensure Userland Proxy is Disabled';
const OWNER = '3.17 Ensure that the daemon.json file ownership is set to root:root';
const MEMORY = '5.11 Ensure that the memory usage for container is limited';

/** Opens the worksheet and pastes the real aquasecurity run before hardening. */
async function pasteBefore(
  page: Page,
  { paste, benchOutputs }: Pick<WorksheetFixtures, 'paste' | 'benchOutputs'>
) {
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(COURSE_RUN_BEFORE), page);
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeVisible();
}

/** The worksheet JSON as the page exports it, without the export time. */
async function exportedJson(download: WorksheetFixtures['download']): Promise<unknown> {
  const doc = JSON.parse(await download('Export JSON')) as { exportedAt?: string };
  delete doc.exportedAt;
  return doc;
}

test('the whole flow on a real aquasecurity run: pick, document, reload, verify, export, start over, import', async ({
  page,
  baseURL,
  paste,
  download,
  benchOutputs,
}) => {
  test.setTimeout(90_000);
  const seen = watch(page);
  await pasteBefore(page, { paste, benchOutputs });

  const summary = page.locator('run-summary');
  await expect(summary).toContainText('aquasecurity/docker-bench (text output)');
  await expect(summary).toContainText('CIS Docker 1.6.0Recognised fromheader "20.10"');
  await expect(summary).toContainText(
    '118 in all: 36 failed, 41 manual check, 10 information, 31 passed, 0 not checked'
  );
  await expect(summary).toContainText('yes, the run reached its end');
  await expect(page.getByText('Showing 36 of 118 findings.')).toBeVisible();

  const status = page.getByRole('status').filter({ hasText: 'still to do' });
  await expect(status).toContainText('Choose 3 more failed findings');

  // Only failed findings can be picked; passed ones are one filter away.
  await expect(page.getByRole('checkbox', { name: '5.10 Ensure that the host' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('pass');
  await expect(
    page
      .locator('finding-list')
      .getByText("5.10 Ensure that the host's network namespace is not shared")
  ).toBeVisible();
  await expect(page.getByRole('checkbox', { name: '5.10 Ensure that the host' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('fail');

  // A finding explains itself from the catalog.
  await page
    .locator('li', { has: page.getByRole('checkbox', { name: MEMORY }) })
    .locator('summary')
    .click();
  await expect(page.locator('finding-list')).toContainText('Container memory limited');
  await expect(page.locator('finding-list')).toContainText(
    '"docker inspect" requires at least 1 argument.'
  );

  await page.getByRole('checkbox', { name: MEMORY }).check();
  await expect(
    page.getByText('In this run, 5.11 is the memory limit, the check the exercise calls 5.10')
  ).toBeVisible();
  await page.getByRole('checkbox', { name: MEMORY }).uncheck();

  for (const name of [LIVE, PROXY, OWNER]) await page.getByRole('checkbox', { name }).check();
  await expect(status).toContainText('Choose the threat that hardening 2.15 works against.');
  const threat = page.getByRole('combobox', { name: 'Threat for 2.15' });
  await expect(
    threat.locator('option', { hasText: ': suggested for this check' }).first()
  ).toBeAttached();
  await expect(threat.locator('option', { hasText: 'in the course brief' }).first()).toBeAttached();
  await threat.selectOption('DOCKER-D-01');
  await page.getByRole('combobox', { name: 'Threat for 2.16' }).selectOption('DOCKER-E-01');
  await page.getByRole('combobox', { name: 'Threat for 3.17' }).selectOption('own');
  await page
    .getByRole('textbox', { name: 'Attack surface of my own model for 3.17' })
    .fill('Docker host: daemon.json writable by a non-root user');
  await page
    .getByRole('textbox', { name: 'Why harden 2.15' })
    .fill('A daemon restart would take every container down.');
  await page
    .getByRole('textbox', { name: 'Why harden 2.16' })
    .fill('The userland proxy widens the attack surface.');
  await expect(page.getByRole('textbox', { name: 'Hardening steps for 2.15' })).not.toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'How to verify 2.15' })).toHaveValue(
    /should now pass/
  );
  await expect(status).toContainText('Write why you harden 3.17');

  // Reload half-way, straight after typing: everything comes back.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Why harden 2.15' })).toHaveValue(
    'A daemon restart would take every container down.'
  );
  await expect(page.getByRole('combobox', { name: 'Threat for 2.16' })).toHaveValue('DOCKER-E-01');
  await expect(
    page.getByRole('textbox', { name: 'Attack surface of my own model for 3.17' })
  ).toHaveValue('Docker host: daemon.json writable by a non-root user');
  await page
    .getByRole('textbox', { name: 'Why harden 3.17' })
    .fill('Whoever owns daemon.json controls the daemon.');
  await expect(page.getByRole('status').filter({ hasText: 'All rules are met' })).toBeVisible();

  // Verify with the real run after hardening.
  await paste('Benchmark output after hardening', benchOutputs.read(COURSE_RUN_AFTER));
  for (const id of ['2.15', '2.16', '3.17'])
    await page.getByRole('button', { name: `Mark ${id} verified` }).click();
  await expect(page.locator('verify-panel')).toContainText('Verified: PASS 2.15');
  await expect(page.getByRole('combobox', { name: 'Status of 2.16' })).toHaveValue('verified');

  const markdown = await download('Export the run analysis only');
  expect(markdown).toContain(
    '### 1. 2.15 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) Ensure live restore is Enabled'
  );
  expect(markdown).toContain(
    '- **Evidence:** the run after hardening reports \\[PASS\\] 2.15 Ensure live restore is Enabled'
  );
  expect(markdown).toContain('| Result | Failed (FAIL), line 80 | Passed (PASS), line 80 |');
  expect(markdown).toContain(
    'An attack surface of my own Step 1 model: Docker host: daemon.json writable by a non-root user'
  );

  const before = await exportedJson(download);
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByRole('textbox', { name: 'Benchmark output', exact: true })).toHaveValue(
    ''
  );
  await expect(page.getByRole('checkbox', { name: LIVE })).toHaveCount(0);

  const json = JSON.stringify(before);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import JSON' }).click(),
  ]);
  await chooser.setFiles({
    name: 'worksheet.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ ...(before as object), exportedAt: new Date().toISOString() })
    ),
  });
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Why harden 3.17' })).toHaveValue(
    'Whoever owns daemon.json controls the daemon.'
  );
  expect(JSON.stringify(await exportedJson(download))).toBe(json);

  const origin = new URL(baseURL!).origin;
  expect(
    seen.requests.filter((u) => !u.startsWith('blob:') && new URL(u).origin !== origin)
  ).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a docker-bench-security run pasted as text: WARN is failed and 5.10 is the exercise memory limit', async ({
  page,
  paste,
  benchOutputs,
}) => {
  await page.goto('/worksheet/');
  await paste(
    'Benchmark output',
    benchOutputs.read('docker-bench/synthetic-v1.3.4-201908-nocolor.stdout.txt')
  );
  await expect(page.locator('run-summary')).toContainText('docker-bench-security (text output)');
  await expect(page.locator('run-summary')).toContainText('1.3.4');
  for (const name of [
    '5.10 Ensure memory usage for container is limited',
    "5.14 Ensure 'on-failure' container restart policy is set to '5'",
  ])
    await page.getByRole('checkbox', { name }).check();
  await page
    .getByRole('checkbox', { name: '4.1 Ensure a user for the container has been created' })
    .check();
  await expect(page.getByText('5.10 is the memory limit, one of the exercise')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'still to do' })).not.toContainText(
    'already hardened'
  );
});

test('a UTF-16 file and a JSON log open through the file picker', async ({
  page,
  benchOutputs,
}) => {
  await page.goto('/worksheet/');
  await page
    .getByLabel('Open a file (.txt, .log, .json, .xml)')
    .setInputFiles(
      benchOutputs.path(
        'docker-bench/repo-FaritSharafutdinov-DevSecOps-Intro-v1.6.0-utf16le-nobom.txt'
      )
    );
  await expect(page.locator('run-summary')).toContainText('CIS Docker 1.6.0');
  await expect(page.getByText(/Showing 26 of 117 findings/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Benchmark output', exact: true })).toHaveValue(
    /Docker Bench for Security v1\.6\.0/
  );

  await page
    .getByLabel('Open a file (.txt, .log, .json, .xml)')
    .setInputFiles(benchOutputs.path('docker-bench/synthetic-v1.6.1-with-p.log.json'));
  await expect(page.locator('run-summary')).toContainText('docker-bench-security (JSON log)');
  await expect(
    page.getByRole('checkbox', {
      name: '4.1 Ensure that a user for the container has been created',
    })
  ).toBeVisible();
});

test('hostile container names render as text on the page and in the export', async ({
  page,
  paste,
  download,
}) => {
  const hostile = [
    '# Docker Bench for Security v1.6.0',
    '[INFO] 5 - Container Runtime',
    '[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)',
    '[WARN]      * Container running without memory restrictions: <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>',
    '[WARN]      * Container running without memory restrictions: [click](https://evil.example) `tick` | pipe',
    '[INFO] Checks: 1',
    '[INFO] Score: -1',
  ].join('\n');
  await page.goto('/worksheet/');
  await paste('Benchmark output', hostile);
  const item = page.locator('li', { has: page.getByRole('checkbox', { name: /^5\.11 / }) });
  await item.locator('summary').click();
  await expect(item.locator('pre')).toContainText(
    '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
  );
  expect(
    await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)
  ).toBeUndefined();
  await expect(
    page.locator('finding-list img, finding-list script, finding-list a[href^="https://evil"]')
  ).toHaveCount(0);
  await item.getByRole('checkbox').check();
  expect(await download('Export the run analysis only')).toContain(
    '```text\nContainer running without memory restrictions: <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
  );
});

test('a corrupt saved worksheet is set aside with a message', async ({ page }) => {
  await page.goto('/worksheet/');
  await page.evaluate(() =>
    localStorage.setItem('container-stride:worksheet', '{"format":"container-stride-worksheet",')
  );
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('damaged and could not be read');
  const keys = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('container-stride:worksheet:set-aside:'))
  );
  expect(keys).toHaveLength(1);
});

test('two tabs do not overwrite each other silently', async ({ context, paste, benchOutputs }) => {
  const a = await context.newPage();
  await pasteBefore(a, { paste, benchOutputs });
  await a.getByRole('checkbox', { name: LIVE }).check();
  await expect
    .poll(() =>
      a.evaluate(
        () =>
          localStorage.getItem('container-stride:worksheet')?.includes('"findingId":"2.15"') ??
          false
      )
    )
    .toBe(true);
  const b = await context.newPage();
  await b.goto('/worksheet/');
  await expect(b.getByRole('checkbox', { name: LIVE })).toBeChecked();
  await a.getByRole('checkbox', { name: PROXY }).check();
  await expect(b.getByRole('alert')).toContainText('changed in another tab');
  await b.getByRole('checkbox', { name: OWNER }).check();
  await b.getByRole('button', { name: 'Load the newer worksheet' }).click();
  await expect(b.getByRole('checkbox', { name: PROXY })).toBeChecked();
  await expect(b.getByRole('checkbox', { name: OWNER })).not.toBeChecked();
});

test('keyboard only: paste, pick, choose a threat, write, export', async ({
  page,
  download,
  benchOutputs,
}) => {
  await page.goto('/worksheet/');
  await page.getByRole('textbox', { name: 'Benchmark output', exact: true }).focus();
  await page.keyboard.insertText(benchOutputs.read(COURSE_RUN_BEFORE));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Analyze', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search findings' }).focus();
  await page.keyboard.type('live restore');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Go to your picks (0 of 3 chosen)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeChecked();
  const threat = page.getByRole('combobox', { name: 'Threat for 2.15' });
  await threat.focus();
  await page.keyboard.press('ArrowDown');
  await expect(threat).not.toHaveValue('');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Why harden 2.15' })).toBeFocused();
  await page.keyboard.type('Keeps containers up while the daemon restarts.');
  await page.getByRole('button', { name: 'Start over' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start over' })).toBeFocused();
  await page.getByRole('button', { name: 'Export write-up' }).focus();
  expect(await download(() => page.keyboard.press('Enter'))).toContain(
    'Keeps containers up while the daemon restarts.'
  );
});

test.describe('axe', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds nothing on the filled worksheet in the ${theme} theme`, async ({
      page,
      paste,
      benchOutputs,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await pasteBefore(page, { paste, benchOutputs });
      await page.getByRole('checkbox', { name: LIVE }).check();
      await page
        .locator('li', { has: page.getByRole('checkbox', { name: LIVE }) })
        .locator('summary')
        .click();
      await page.getByRole('combobox', { name: 'Outcome' }).selectOption('all');
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

test('the print view shows the picks as a document, without the controls', async ({
  page,
  paste,
  benchOutputs,
}) => {
  await pasteBefore(page, { paste, benchOutputs });
  await page.getByRole('checkbox', { name: LIVE }).check();
  await page.getByRole('textbox', { name: 'Why harden 2.15' }).fill('Printed reason.');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('print-writeup')).toBeVisible();
  await expect(page.locator('print-writeup')).toContainText('Printed reason.');
  await expect(page.getByRole('textbox', { name: 'Benchmark output', exact: true })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export the run analysis only' })).toBeHidden();
});

test('a run of several megabytes is analyzed whole but kept out of the text box', async ({
  page,
  benchOutputs,
}) => {
  const one = benchOutputs.read(COURSE_RUN_BEFORE);
  const big = one.repeat(Math.ceil((3 * 1024 * 1024) / one.length));
  await page.goto('/worksheet/');
  await page
    .getByLabel('Open a file (.txt, .log, .json, .xml)')
    .setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(big) });
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeVisible();
  await expect(
    page.getByText(/^This run is 3\.\d MB \([\d,]+ lines\)\. The whole run was analyzed/)
  ).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Benchmark output', exact: true });
  await expect(box).toHaveJSProperty('readOnly', true);
  await page.getByRole('button', { name: 'Clear the box' }).click();
  await expect(box).toHaveValue('');
  await expect(box).toBeFocused();
  await expect(page.getByRole('checkbox', { name: LIVE })).toHaveCount(0);
});

test('a 10 MB paste is parsed off the main thread while the page answers; the full storage is reported, and a reload says what to paste again', async ({
  page,
  benchOutputs,
}) => {
  // The parsing worker's code is held back until the test has used the page: were the run parsed on
  // the main thread, its findings would show while the worker cannot have started.
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/parse-[\w-]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  const one = benchOutputs.read(COURSE_RUN_BEFORE);
  await page.goto('/worksheet/');
  await page.getByRole('textbox', { name: 'Benchmark output', exact: true }).focus();
  await page.evaluate((text) => {
    const big = text.repeat(Math.ceil((10 * 1024 * 1024) / text.length)).slice(0, 10 * 1024 * 1024);
    const data = new DataTransfer();
    data.setData('text/plain', big);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    );
  }, one);
  const parsing = page.getByText(/^Parsing… \(10\.0 MB\)$/);
  await expect(parsing).toBeVisible();
  const docker = page.getByRole('region', { name: 'Docker threats', exact: true });
  await docker.getByRole('button', { name: 'Add a blank Docker threat' }).click();
  await page.keyboard.type('Typed while the run is parsed.');
  await expect(docker.getByRole('textbox', { name: 'Description of threat 1' })).toHaveValue(
    'Typed while the run is parsed.'
  );
  await expect(parsing).toBeVisible();
  await expect(page.getByRole('checkbox', { name: LIVE })).toHaveCount(0);
  release();

  await expect(page.getByRole('checkbox', { name: LIVE })).toBeVisible();
  await expect(parsing).toHaveCount(0);
  await expect(page.locator('run-summary')).toContainText(/holds \d+ runs/);
  await page.getByRole('checkbox', { name: LIVE }).check();
  await expect(page.getByRole('alert')).toContainText(
    "The browser's storage is full: your picks and notes are saved, but not the benchmark run (10.0 MB)"
  );
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('too large for this browser');
  await expect(page.getByRole('heading', { name: LIVE })).toBeVisible();
});

test('the newest paste wins: a worker-sized kube-bench run followed at once by a small docker run ends with the docker run, on the page and after a reload', async ({
  page,
  paste,
  benchOutputs,
}) => {
  // The Kubernetes data is held back, so the large run's result could only arrive after the small one.
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/worksheet-data-kubernetes.json', async (route) => {
    await released;
    await route.continue();
  });
  const kube = benchOutputs.read('kube-bench/text-cis-1.20-kind-kube-bench-ci.txt');
  const large = kube.repeat(Math.ceil((300 * 1024) / kube.length));
  const small = benchOutputs.read(COURSE_RUN_BEFORE);
  await page.goto('/worksheet/');
  await paste('Benchmark output', large);
  await paste('Benchmark output', small);
  const summary = page.locator('run-summary');
  await expect(summary).toContainText('aquasecurity/docker-bench (text output)');
  await expect(page.getByText('Read 118 findings: 36 failed.')).toBeVisible();

  const kubeData = page.waitForResponse('**/worksheet-data-kubernetes.json');
  release();
  await (await kubeData).finished();
  // A turn of the page's event loop for whatever that response set going.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
  await expect(summary).toContainText('aquasecurity/docker-bench (text output)');
  await expect(page.getByRole('textbox', { name: 'Benchmark output', exact: true })).toHaveValue(
    small
  );
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            JSON.parse(localStorage.getItem('container-stride:worksheet') ?? '{}') as {
              worksheet?: { input?: { text?: string } };
            }
          ).worksheet?.input?.text?.length
      )
    )
    .toBe(small.length);
  await page.reload();
  await expect(summary).toContainText('aquasecurity/docker-bench (text output)');
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeVisible();
});

test('a first visit loads only the page’s own script before the load event; the parser, the catalog code and the validators after it', async ({
  page,
}) => {
  await page.goto('/worksheet/');
  const loaded = () =>
    page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({
          file: new URL(e.name).pathname,
          beforeLoad: e.startTime < nav.loadEventStart,
        }));
    });
  // The catalog code and the saving code arrive after the load event.
  await expect
    .poll(async () => (await loaded()).filter((e) => !e.beforeLoad).map((e) => e.file))
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/_astro\/data\.[\w-]+\.js$/),
        expect.stringMatching(/\/_astro\/storage\.[\w-]+\.js$/),
      ])
    );
  const before = (await loaded()).filter((e) => e.beforeLoad).map((e) => e.file);
  expect(before.sort()).toEqual(pageAssets(DIST, '/worksheet/').jsFiles.sort());
});

test('a file dropped on the box is analyzed, and the run analysis can be copied to the clipboard', async ({
  page,
  context,
  benchOutputs,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/worksheet/');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'before.txt', { type: 'text/plain' }));
    document
      .querySelector('run-input')!
      .dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
      );
  }, benchOutputs.read(COURSE_RUN_BEFORE));
  await page.getByRole('checkbox', { name: LIVE }).check();
  await page.getByRole('button', { name: 'Copy the run analysis only' }).click();
  await expect(page.getByText('Run analysis copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    '### 1. 2.15 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) Ensure live restore is Enabled'
  );
});
