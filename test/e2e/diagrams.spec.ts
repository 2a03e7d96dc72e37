import { expect, test, type Page } from '@playwright/test';
import { axeViolations, builtPages, watchCsp } from './helpers';

const MODELS = [
  { path: '/docker/', name: 'docker' },
  { path: '/kubernetes/', name: 'kubernetes' },
];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Sizes and positions of what a reader sees of one diagram, measured in the page. */
function measureDiagram(page: Page, name: string) {
  return page.evaluate((name) => {
    const svg = document.getElementById(`dg-${name}`) as unknown as SVGSVGElement;
    const frame = svg.closest<HTMLElement>('.diagram-frame')!;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, text: el.textContent?.trim() ?? '' };
    };
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim());
    // The size a label is drawn at: its font size times the scale from the SVG to the screen.
    const sizes = texts.map(
      (t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0)
    );
    return {
      viewport: document.documentElement.clientWidth,
      frame: { clientWidth: frame.clientWidth, scrollWidth: frame.scrollWidth },
      components: [...svg.querySelectorAll('.node .label')].map(box),
      zones: [...svg.querySelectorAll('.cluster-label')].map(box),
      boundaries: [...svg.querySelectorAll('a.dg-b')].map(box),
      smallestLabel: Math.min(...sizes),
      labels: sizes.length,
    };
  }, name);
}

const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const { path, name } of MODELS) {
  test(`at 1280 px the whole ${name} diagram is on screen with labels of 11 px or more`, async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto(path);
    const m = await measureDiagram(page, name);
    expect(m.frame.scrollWidth).toBeLessThanOrEqual(m.frame.clientWidth);
    expect(m.components.length).toBeGreaterThan(10);
    expect(m.zones.length).toBeGreaterThanOrEqual(4);
    expect(m.boundaries.length).toBeGreaterThanOrEqual(6);
    for (const label of [...m.components, ...m.zones, ...m.boundaries]) {
      expect(label.left, label.text).toBeGreaterThanOrEqual(0);
      expect(label.right, label.text).toBeLessThanOrEqual(m.viewport);
    }
    expect(m.labels).toBeGreaterThan(30);
    expect(m.smallestLabel).toBeGreaterThanOrEqual(11);
    expect(await pageOverflow(page)).toBe(0);
    // Wide enough to read: the picture comes first, the phone summary stays hidden.
    await expect(page.locator('.diagram-compact')).toBeHidden();
    await expect(page.getByRole('link', { name: 'Open full size' })).toBeVisible();
  });
}

test('pointing at or focusing a component lights up its data flows and dims the others', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/kubernetes/');
  const svg = page.locator('#dg-kubernetes');
  const opacity = (selector: string) =>
    svg
      .locator(selector)
      .first()
      .evaluate((el) => Number(getComputedStyle(el).opacity));
  expect(await opacity('path.flowchart-link.e-c_etcd')).toBe(1);

  await svg.locator('a.n-c_kubelet').hover();
  await expect.poll(() => opacity('path.flowchart-link.e-c_etcd')).toBeLessThan(0.5);
  expect(await opacity('path.flowchart-link.e-c_kubelet')).toBe(1);
  expect(await opacity('g.edgeLabel.e-c_kubelet')).toBe(1);
  const width = await svg
    .locator('path.flowchart-link.e-c_kubelet')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
  expect(width).toBeGreaterThanOrEqual(3);

  // The keyboard gets the same: move the pointer away, then Tab onto etcd.
  await page.mouse.move(0, 0);
  await expect.poll(() => opacity('path.flowchart-link.e-c_etcd')).toBe(1);
  await svg.locator('a.n-c_kube_apiserver').focus();
  await page.keyboard.press('Tab');
  await expect(svg.locator('a.n-c_etcd')).toBeFocused();
  await expect
    .poll(() => opacity('path.flowchart-link.e-c_kubelet:not(.e-c_kube_apiserver)'))
    .toBeLessThan(0.5);
  expect(await opacity('path.flowchart-link.e-c_etcd')).toBe(1);
});

test('a boundary id in the picture leads to its row in the boundaries table, and the row leads back', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/kubernetes/');
  const label = page.locator('#dg-kubernetes a.dg-b.b-tb-k3').first();
  await expect(label).toHaveAccessibleName(/TB-K3/);
  // Clicked where it is drawn: Playwright's own click aims at a point of this link inside SVG text that
  // the label's background covers.
  await label.scrollIntoViewIfNeeded();
  const box = (await label.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(/\/kubernetes\/#tb-k3$/);
  const row = page.locator('tr#tb-k3');
  await expect(row).toBeInViewport();
  await expect(row).toContainText('kube-apiserver to kubelet');

  await row.getByRole('link', { name: 'in the diagram' }).click();
  await expect(page).toHaveURL(/#dg-kubernetes-tb-k3$/);
  await expect(page.locator('#dg-kubernetes-tb-k3')).toBeInViewport();
  // The boundary's lines stay lit while the address points at it; the others are dimmed.
  const opacity = (selector: string) =>
    page
      .locator(`#dg-kubernetes ${selector}`)
      .first()
      .evaluate((el) => Number(getComputedStyle(el).opacity));
  expect(await opacity('path.flowchart-link.x-tb-k3')).toBe(1);
  expect(await opacity('path.flowchart-link.x-tb-k2')).toBeLessThan(0.5);

  // The legend under the picture lists the flows across it and links to the same row.
  const legend = page.locator('.diagram-legend tr', { hasText: 'TB-K3' });
  await expect(legend).toContainText('kube-apiserver → kubelet: exec, logs, port-forward on 10250');
  await expect(legend.getByRole('link', { name: 'TB-K3' })).toHaveAttribute(
    'href',
    '/kubernetes/#tb-k3'
  );
});

for (const { path, name } of MODELS) {
  test(`on a phone the ${name} page puts the full-size link and a summary first, and the link works`, async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.goto(path);
    expect(await pageOverflow(page)).toBe(0);
    const open = page.getByRole('link', { name: 'Open full size' });
    const compact = page.locator('.diagram-compact');
    const picture = page.locator(`#dg-${name}`);
    await expect(open).toBeVisible();
    await expect(compact).toBeVisible();
    const top = async (l: typeof open) => (await l.boundingBox())!.y;
    expect(await top(open)).toBeLessThan(await top(compact));
    expect(await top(compact)).toBeLessThan(await top(picture));
    // The summary names every zone that holds a component, each component a link to its threats.
    await expect(compact.getByRole('link').first()).toHaveAttribute(
      'href',
      new RegExp(`^/${name}/#component-`)
    );
    await expect(page.locator('details.diagram-text')).toHaveCount(1);

    await open.click();
    await expect(page).toHaveURL(new RegExp(`/${name}/diagram/$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('component diagram');
    await expect(page.locator(`#dg-${name}`)).toBeVisible();
    expect(await pageOverflow(page)).toBe(0);
    // At natural size it is wider than the phone: the view starts in the middle, where the top zone is.
    const view = page.locator('.zoom-viewport');
    await expect
      .poll(() => view.evaluate((el) => el.scrollLeft / (el.scrollWidth - el.clientWidth)))
      .toBeCloseTo(0.5, 1);
  });
}

test('the full-size diagram zooms and pans with the keyboard and the buttons, with no CSP violation', async ({
  page,
}) => {
  const csp = await watchCsp(page);
  await page.setViewportSize(DESKTOP);
  await page.goto('/kubernetes/diagram/');
  const viewport = page.locator('.zoom-viewport');
  const level = page.locator('.zoom-tools output');
  const svgWidth = () =>
    page.locator('#dg-kubernetes').evaluate((el) => el.getBoundingClientRect().width);
  const natural = await page
    .locator('#dg-kubernetes')
    .evaluate((el) => (el as unknown as SVGSVGElement).viewBox.baseVal.width);
  expect(await svgWidth()).toBeCloseTo(natural, 0);
  await expect(level).toHaveText('100%');

  await viewport.focus();
  await page.keyboard.press('+');
  await expect(level).toHaveText('125%');
  expect(await svgWidth()).toBeCloseTo(natural * 1.25, 0);
  await page.keyboard.press('+');
  await expect(level).toHaveText('156%');
  await page.keyboard.press('-');
  await expect(level).toHaveText('125%');

  const scroll = () => viewport.evaluate((el) => ({ x: el.scrollLeft, y: el.scrollTop }));
  const before = await scroll();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await scroll()).x).toBeGreaterThan(before.x);
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await scroll()).y).toBeGreaterThan(before.y);
  const afterArrows = await scroll();
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await scroll()).y - afterArrows.y).toBeGreaterThan(200);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await scroll()).x).toBeLessThan(afterArrows.x);

  await page.keyboard.press('0');
  await expect(level).toHaveText('100%');
  expect(await svgWidth()).toBeCloseTo(natural, 0);

  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(level).toHaveText('80%');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(level).toHaveText('125%');
  await page.getByRole('button', { name: 'Reset to natural size' }).click();
  await expect(level).toHaveText('100%');

  // Keys keep working with focus on a component link inside the picture.
  await page.locator('#dg-kubernetes a.n-c_etcd').focus();
  await page.keyboard.press('=');
  await expect(level).toHaveText('125%');

  expect(await csp.violations()).toEqual([]);
  expect(csp.errors).toEqual([]);
});

test('printed, the diagram fits the page width with its legend, without the screen-only parts', async ({
  page,
}) => {
  await page.setViewportSize({ width: 700, height: 1000 });
  await page.goto('/kubernetes/');
  await page.emulateMedia({ media: 'print' });
  const right = await page
    .locator('#dg-kubernetes')
    .evaluate((el) => el.getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(700);
  await expect(page.locator('.diagram-legend table')).toBeVisible();
  await expect(page.locator('.diagram-key')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open full size' })).toBeHidden();
  await expect(page.locator('.diagram-compact')).toBeHidden();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing on the diagram pages on a phone and on a desktop, ${theme} theme`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    const report: string[] = [];
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      for (const p of ['/docker/', '/kubernetes/', '/docker/diagram/', '/kubernetes/diagram/']) {
        await page.goto(p);
        for (const v of await axeViolations(page))
          report.push(
            `${size.width} ${p}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.slice(0, 3))}`
          );
      }
    }
    expect(report).toEqual([]);
  });
}

// Every page of the site at phone width, in shards the two workers share.
const pages = builtPages();
const SHARDS = 3;
for (let shard = 0; shard < SHARDS; shard++) {
  test(`no page scrolls sideways at 390 px; wide tables scroll in their own box, with a cue (part ${shard + 1} of ${SHARDS})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(PHONE);
    const report: string[] = [];
    for (const p of pages.filter((_, i) => i % SHARDS === shard)) {
      await page.goto(p);
      const found = await page.evaluate(async () => {
        // Scroll-state container queries settle a frame after layout; measure after two.
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const problems: string[] = [];
        const width = document.documentElement.clientWidth;
        const over = document.documentElement.scrollWidth - width;
        if (over > 0) problems.push(`the page is ${over} px wider than the screen`);
        for (const select of document.querySelectorAll('select')) {
          const r = select.getBoundingClientRect();
          if (r.width > 0 && r.right > width)
            problems.push(`select ${select.name} ends at ${Math.round(r.right)} px`);
        }
        for (const table of document.querySelectorAll('table')) {
          const box = table.parentElement!;
          if (table.getBoundingClientRect().width <= box.clientWidth + 1) continue;
          const scrolls = getComputedStyle(box).overflowX === 'auto';
          const cue = getComputedStyle(box, '::before').content;
          if (!scrolls || cue === 'none' || cue === 'normal')
            problems.push(
              `a table wider than its box (${table.caption?.textContent ?? table.className}) with no scrolling box and cue`
            );
        }
        return problems;
      });
      for (const f of found) report.push(`${p}: ${f}`);
    }
    expect(pages.length).toBeGreaterThan(100);
    expect(report).toEqual([]);
  });
}
