import { expect, type Locator } from '@playwright/test';
import { axeViolations, COURSE_RUN_BEFORE, test, watchCsp } from './helpers';

const LIVE = '2.15 Ensure live restore is Enabled';
const MEMORY = '5.11 Ensure that the memory usage for container is limited';
const TRUST = '4.5 Ensure Content trust for Docker is Enabled';
const HOSTILE = '<img src=x onerror=alert(1)> [link](https://evil.example/) # not a heading';

/** Opens the region's catalog picker, filters it by category, and starts a threat from one catalog threat. */
async function fromCatalog(region: Locator, stride: string, id: string) {
  const picker = region.locator('details.catalog-picker');
  if (!(await picker.evaluate((d) => (d as HTMLDetailsElement).open)))
    await region.getByText(/^Start from a threat of the/).click();
  await region
    .getByRole('combobox', { name: 'Filter by STRIDE category' })
    .selectOption({ label: stride });
  await region.getByRole('button', { name: `Start from ${id}` }).click();
}

/** Adds a blank entry and fills it in; the description gets focus when the entry is added. */
async function blank(
  region: Locator,
  platform: string,
  n: number,
  stride: string,
  component: string,
  description: string
) {
  await region.getByRole('button', { name: `Add a blank ${platform} threat` }).click();
  await expect(region.getByRole('textbox', { name: `Description of threat ${n}` })).toBeFocused();
  await region
    .getByRole('combobox', { name: `STRIDE category for threat ${n}` })
    .selectOption({ label: stride });
  await region
    .getByRole('combobox', { name: `Component for threat ${n}` })
    .selectOption({ label: component });
  await region.getByRole('textbox', { name: `Description of threat ${n}` }).fill(description);
}

/** The value of the option of a pick's threat choice whose text starts with `prefix`. */
async function optionValue(select: Locator, prefix: string): Promise<string> {
  const option = select.locator('option', { hasText: prefix }).first();
  return (await option.getAttribute('value'))!;
}

test('both threat models, three picks tied to them on a real run, the write-up exported, reloaded and imported back', async ({
  page,
  paste,
  download,
  benchOutputs,
}) => {
  test.setTimeout(120_000);
  const csp = await watchCsp(page);
  await page.goto('/worksheet/');
  const docker = page.getByRole('region', { name: 'Docker threats', exact: true });
  const kube = page.getByRole('region', { name: 'Kubernetes threats', exact: true });
  await expect(docker.getByText('Add 5 more Docker threats')).toBeVisible();

  // Docker: two from the catalog, three blank; the brief's weak DoS claim is noted with the page that corrects it.
  await fromCatalog(docker, 'Denial of service', 'DOCKER-D-01');
  await expect(docker.getByRole('combobox', { name: 'STRIDE category for threat 1' })).toHaveValue(
    'denial-of-service'
  );
  await expect(docker.getByRole('combobox', { name: 'Component for threat 1' })).toHaveValue(
    'containers'
  );
  await expect(docker.getByRole('textbox', { name: 'Description of threat 1' })).toHaveValue(
    /^By default a container may use all memory/
  );
  await docker
    .getByRole('textbox', { name: 'Description of threat 1' })
    .fill('Excessive traffic from the client overwhelms the daemon.');
  await expect(docker.getByRole('link', { name: 'Read DOCKER-D-01' }).first()).toHaveAttribute(
    'href',
    '/threats/docker-d-01/'
  );
  await docker
    .getByRole('textbox', { name: 'Description of threat 1' })
    .fill('A container without memory or PID limits starves the host and its other containers.');
  await expect(docker.getByRole('link', { name: 'Read DOCKER-D-01' })).toHaveCount(0);
  await fromCatalog(docker, 'Tampering', 'DOCKER-T-01');
  await blank(
    docker,
    'Docker',
    3,
    'Elevation of privilege',
    'Containers',
    'A container started with --privileged or the Docker socket mounted takes the host.'
  );
  await blank(
    docker,
    'Docker',
    4,
    'Information disclosure',
    'Build context and Dockerfile',
    'Secrets written into the Dockerfile travel with every copy of the image.'
  );
  await blank(docker, 'Docker', 5, 'Spoofing', 'Docker daemon (dockerd, Engine API)', HOSTILE);
  await expect(docker.getByText('Not covered yet: Repudiation.')).toBeVisible();
  await expect(docker.locator('img')).toHaveCount(0);

  // A second entry from the same catalog threat is called a duplicate; removing it clears the warning.
  await fromCatalog(docker, 'Denial of service', 'DOCKER-D-01');
  await expect(
    docker.getByText('Threats 1 and 6 both start from DOCKER-D-01').first()
  ).toBeVisible();
  await docker.getByRole('button', { name: 'Remove threat 6' }).click();
  await expect(docker.getByText(/both start from/)).toHaveCount(0);
  await expect(docker.getByRole('heading', { name: 'Threat 5', exact: true })).toBeFocused();

  // Kubernetes: the brief's repudiation claim about the kubelet is noted; then entries by keyboard alone.
  await fromCatalog(kube, 'Information disclosure', 'K8S-I-01');
  await blank(
    kube,
    'Kubernetes',
    2,
    'Repudiation',
    'kubelet',
    'Unauthorized changes can be made to kubelet.'
  );
  await expect(kube.getByRole('link', { name: 'Read K8S-T-01' }).first()).toHaveAttribute(
    'href',
    '/threats/k8s-t-01/'
  );
  await kube
    .getByRole('combobox', { name: 'STRIDE category for threat 2' })
    .selectOption({ label: 'Tampering' });
  await expect(kube.getByRole('link', { name: 'Read K8S-T-01' })).toHaveCount(0);
  for (const n of [3, 4, 5]) {
    await kube.getByRole('button', { name: 'Add a blank Kubernetes threat' }).focus();
    await page.keyboard.press('Enter');
    const description = kube.getByRole('textbox', { name: `Description of threat ${n}` });
    await expect(description).toBeFocused();
    await page.keyboard.type(`Kubernetes threat ${n} typed from the keyboard.`);
    await page.keyboard.press('Shift+Tab');
    await expect(kube.getByRole('combobox', { name: `Component for threat ${n}` })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+Tab');
    await expect(
      kube.getByRole('combobox', { name: `STRIDE category for threat ${n}` })
    ).toBeFocused();
    for (let i = 0; i < n; i++) await page.keyboard.press('ArrowDown');
  }
  await expect(kube.getByRole('combobox', { name: 'STRIDE category for threat 5' })).toHaveValue(
    'denial-of-service'
  );
  await expect(kube.getByRole('combobox', { name: 'Component for threat 5' })).toHaveValue(
    'kubectl'
  );
  await kube.getByRole('button', { name: 'Move up threat 5' }).focus();
  await page.keyboard.press('Enter');
  await expect(kube.getByRole('textbox', { name: 'Description of threat 4' })).toHaveValue(
    'Kubernetes threat 5 typed from the keyboard.'
  );
  await expect(kube.getByRole('button', { name: 'Move up threat 4' })).toBeFocused();

  // Step 3: a real run, read in place; three picks tied to the user's own Docker threats.
  await paste('Benchmark output', benchOutputs.read(COURSE_RUN_BEFORE));
  for (const name of [MEMORY, TRUST, LIVE]) await page.getByRole('checkbox', { name }).check();
  const memoryThreat = page.getByRole('combobox', { name: 'Threat for 5.11' });
  await expect(
    memoryThreat.locator('option', {
      hasText: /^Threat 1: Denial of service, Containers – .*\[best fit: same catalog threat\]$/,
    })
  ).toHaveCount(1);
  await memoryThreat.selectOption(await optionValue(memoryThreat, 'Threat 1:'));
  const trustThreat = page.getByRole('combobox', { name: 'Threat for 4.5' });
  await expect(
    trustThreat.locator('option', {
      hasText: /^Threat 2: Tampering.*\[best fit: same catalog threat\]$/,
    })
  ).toHaveCount(1);
  await trustThreat.selectOption(await optionValue(trustThreat, 'Threat 2:'));
  const liveThreat = page.getByRole('combobox', { name: 'Threat for 2.15' });
  await liveThreat.selectOption(await optionValue(liveThreat, 'Threat 3:'));
  await page
    .getByRole('textbox', { name: 'Why harden 5.11' })
    .fill('A memory limit keeps one container from starving the host.');
  await page.getByRole('textbox', { name: 'Why harden 4.5' }).fill('Only signed images run.');
  await page
    .getByRole('textbox', { name: 'Why harden 2.15' })
    .fill('Containers survive a daemon restart.');
  await expect(page.getByText('All rules are met')).toBeVisible();

  // The write-up: three parts in order, as Markdown and as plain text in the template's layout.
  const md = await download('Export write-up');
  expect([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual([
    'Docker Threat Modeling',
    'Kubernetes Threat Modeling',
    'Docker-bench Run Results and Analysis',
  ]);
  expect(md).toContain(
    '### 1. Denial of service\n\n**Component:** Containers\n\nA container without memory or PID limits starves the host'
  );
  expect(md).toContain(
    '- **Threat:** Threat 1 of my Docker threat model (Denial of service, Containers): A container without memory'
  );
  expect(md).toContain(
    '\\<img src=x onerror=alert(1)\\> \\[link\\](https\u2060://evil.example/) # not a heading'
  );
  // Each threat started from the catalog credits it, and says whether its text is still the catalog's.
  expect(md).toContain(
    '_Credit: started from the container-stride catalog threat DOCKER-D-01 “Containers without resource limits exhaust the host”, rewritten in my own words._'
  );
  const text = await download('Download plain text');
  expect(text).toContain(
    'Credit: this text is still (nearly) that of the container-stride catalog threat DOCKER-T-01'
  );
  expect(text.indexOf('Docker Threat Modeling')).toBe(0);
  expect(text.indexOf('Kubernetes Threat Modeling')).toBeGreaterThan(0);
  expect(text.indexOf('Docker-bench Run Results and Analysis')).toBeGreaterThan(
    text.indexOf('Kubernetes Threat Modeling')
  );
  expect(text).toContain(
    '1. Denial of service\nComponent: Containers\nA container without memory or PID limits'
  );
  expect(text).toContain(
    `[FAIL] ${MEMORY}\nThreat: Threat 1 of my Docker threat model (Denial of service, Containers): A container without memory or PID limits starves the host and its other containers.\nStatus: planned\n`
  );
  expect(text).toContain(
    'Why I harden it:\nA memory limit keeps one container from starving the host.\n'
  );
  expect(text).toContain(
    `[FAIL] ${TRUST}\nThreat: Threat 2 of my Docker threat model (Tampering, Image registry (Docker Hub or private))`
  );

  // The print view carries the whole write-up.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const print = page.locator('print-writeup');
  await expect(print).toBeVisible();
  await expect(print).toContainText('Kubernetes Threat Modeling');
  await expect(print).toContainText('A container started with --privileged');
  await expect(print).toContainText(
    'Threat 3 of my Docker threat model (Elevation of privilege, Containers)'
  );
  await page.emulateMedia({ media: 'screen' });

  // Saved as typed: a reload straight away finds everything.
  const exported = await download('Export JSON');
  await page.reload();
  await expect(docker.getByRole('textbox', { name: 'Description of threat 4' })).toHaveValue(
    'Secrets written into the Dockerfile travel with every copy of the image.'
  );
  await expect(kube.getByRole('combobox', { name: 'STRIDE category for threat 2' })).toHaveValue(
    'tampering'
  );
  await expect(page.getByRole('combobox', { name: 'Threat for 5.11' })).toHaveValue(/^mine:/);

  // Start over, then import the export: both threat lists and the ties come back.
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start over' }).click();
  await expect(docker.getByRole('textbox', { name: 'Description of threat 1' })).toHaveCount(0);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import JSON' }).click(),
  ]);
  await chooser.setFiles({
    name: 'worksheet.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await expect(docker.getByRole('textbox', { name: 'Description of threat 5' })).toHaveValue(
    HOSTILE
  );
  await expect(
    page.getByText('Imported worksheet.json: 5 Docker and 5 Kubernetes threats, 3 picks.')
  ).toBeVisible();
  await expect(kube.getByRole('textbox', { name: 'Description of threat 1' })).toHaveValue(
    /^Kubernetes stores Secrets in etcd/
  );
  await expect(page.getByRole('combobox', { name: 'Threat for 4.5' })).toHaveValue(
    await optionValue(page.getByRole('combobox', { name: 'Threat for 4.5' }), 'Threat 2:')
  );
  expect(await download('Export write-up')).toBe(md);

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await docker.getByText(/^Start from a threat of the/).click();
    expect(await axeViolations(page), theme).toEqual([]);
    await docker.getByText(/^Start from a threat of the/).click();
  }
  expect(await csp.violations()).toEqual([]);
  expect(csp.errors).toEqual([]);
});
