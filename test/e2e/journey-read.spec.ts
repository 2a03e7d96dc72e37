import { expect, test } from '@playwright/test';
import { builtHtml } from './helpers';

test('a reader goes from home to a model, through the diagram, to a threat and back', async ({
  page,
}) => {
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Docker' })
    .click();
  await expect(page).toHaveURL(/\/docker\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docker threat model');

  const diagram = page.locator('figure.diagram svg');
  await expect(diagram).toBeVisible();
  const nodeLink = diagram.locator('a[href*="#component-dockerd"]');
  await expect(nodeLink).toHaveCount(1);
  await nodeLink.click();
  await expect(page).toHaveURL(/\/docker\/#component-dockerd$/);

  const row = page.locator('#component-dockerd');
  await expect(row).toBeInViewport();
  const threatLink = row.getByRole('link').first();
  const threatId = (await threatLink.textContent())?.trim() ?? '';
  expect(threatId).toMatch(/^DOCKER-[STRIDE]-\d{2}$/);
  await threatLink.click();
  await expect(page).toHaveURL(new RegExp(`/threats/${threatId.toLowerCase()}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(threatId);
  await expect(page.getByRole('heading', { name: 'Mitigations' })).toBeVisible();
  await expect(page.locator('#ref-2')).toHaveCount(1);

  await page.goBack();
  await expect(page).toHaveURL(/\/docker\/#component-dockerd$/);
});

test('the diagram has a text alternative and each component links to its threats', async ({
  page,
}) => {
  for (const platform of ['docker', 'kubernetes']) {
    await page.goto(`/${platform}/`);
    const svg = page.locator('figure.diagram svg');
    await expect(svg).toHaveAttribute('aria-labelledby', /.+/);
    const links = svg.locator('a[href]');
    expect(await links.count()).toBeGreaterThan(8);
    const details = page.locator('details.diagram-text');
    await details.locator('summary').press('Enter');
    await expect(details).toHaveAttribute('open', '');
    await expect(details.getByRole('link').first()).toBeVisible();
  }
});

test('the theme follows the system, can be switched, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/docker/');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBg = await bg();
  await page.getByLabel('Theme').selectOption('light');
  expect(await bg()).not.toBe(darkBg);
  await page.goto('/kubernetes/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByLabel('Theme')).toHaveValue('light');
});

test('the skip link moves focus to the content', async ({ page }) => {
  await page.goto('/docker/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('an unknown address shows the 404 page', async ({ page }) => {
  const response = await page.goto('/threats/docker-x-99/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('a threat page starts with the threat; the comparison with the course brief follows its mitigations and says once what the brief is', () => {
  const html = builtHtml('/threats/docker-d-01/');
  const at = (id: string) => html.indexOf(`id="${id}"`);
  expect(at('attack-scenario')).toBeGreaterThan(0);
  expect(at('mitigations')).toBeGreaterThan(at('attack-scenario'));
  expect(at('what-changed-from-the-brief')).toBeGreaterThan(at('mitigations'));
  expect(html.split('The brief is the course’s sample threat write-up')).toHaveLength(2);
});
