import { expect, type Page } from '@playwright/test';
import { courseJourney } from '../../scripts/worksheet-journey.mjs';
import { axeViolations, test, watchCsp } from './helpers';

// kube-bench's own CI expected output: a real run of CIS Kubernetes 1.20 on kind.
const KIND_RUN = 'kube-bench/text-cis-1.20-kind-kube-bench-ci.txt';
const ETCD_DIR = '1.1.12 Ensure that the etcd data directory ownership is set to etcd:etcd';

/** How much wider than the viewport the page is; 0 when nothing scrolls sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function axeInBothThemes(page: Page) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    expect(await axeViolations(page), theme).toEqual([]);
  }
}

for (const width of [390, 1280]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('the course journey: both threat models, three picks, verified, the whole write-up exported', async ({
      page,
      download,
      benchOutputs,
    }) => {
      test.setTimeout(180_000);
      const csp = await watchCsp(page);
      await page.goto('/worksheet/');
      await expect(page.getByRole('checkbox', { name: 'Course exercise rules' })).toBeChecked();
      await expect(page.getByRole('heading', { name: '6. Your three picks' })).toBeVisible();
      await courseJourney(page, benchOutputs.read);
      await expect(page.getByText(/^All rules are met: three failed findings/)).toBeVisible();
      const steps = page.getByRole('navigation', { name: 'Worksheet steps' });
      for (const step of ['Docker threats', 'Kubernetes threats', 'Picks', 'Verify'])
        await expect(
          steps.getByRole('link', { name: new RegExp(`${step} ✓ \\(done\\)$`) })
        ).toBeVisible();
      expect(await overflow(page)).toBe(0);

      // The first export button is the write-up; its files hold both threat models and the evidence.
      await expect(page.locator('#ws-export ~ * button').first()).toHaveText('Export write-up');
      const md = await download('Export write-up');
      expect([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual([
        'Docker Threat Modeling',
        'Kubernetes Threat Modeling',
        'Docker-bench Run Results and Analysis',
      ]);
      for (const platform of ['Docker', 'Kubernetes'])
        expect(md).toContain(
          `${platform} threat 1 in the student's own words, for their own setting.`
        );
      expect(md).toContain(
        '_Credit: started from the container-stride catalog threat DOCKER-S-01 “'
      );
      expect(md).toContain('_Credit: started from the container-stride catalog threat K8S-S-01 “');
      expect(md).toContain(
        "_The course asks: “Given Kubernetes' system components and the STRIDE framework, identify five potential threats that may arise.”_"
      );
      expect(md).toMatch(
        /- \*\*Evidence:\*\* the run after hardening reports \\\[PASS\\\] 2\.15 Ensure live restore is Enabled \(line \d+, matched by check (?:concept|number)\)/
      );
      expect(md).toContain('**Mitigation:** hardening 2.15 Ensure live restore is Enabled');

      const text = await download('Download plain text');
      expect(text).toMatch(/^Docker Threat Modeling\n/);
      expect(text).toContain('\nKubernetes Threat Modeling\n');
      expect(text).toContain('Credit: started from the container-stride catalog threat K8S-E-01 “');
      expect(text).toMatch(
        /Evidence: the run after hardening reports \[PASS\] 3\.17 Ensure that the daemon\.json file ownership is set to root:root \(line \d+/
      );
      expect(text).toContain('Mitigation: hardening 2.16 Ensure Userland Proxy is Disabled');
      // Plain text carries no Markdown syntax.
      expect(text).not.toMatch(/^#|\*\*|^- |^\||```|\\\[/m);

      const json = JSON.parse(await download('Export JSON')) as {
        worksheet: { exerciseRules: boolean; threatModel: Record<string, { origin?: string }[]> };
      };
      expect(json.worksheet.exerciseRules).toBe(true);
      expect(json.worksheet.threatModel.docker!.map((t) => t.origin)).toContain('DOCKER-S-01');

      await axeInBothThemes(page);
      expect(await csp.violations()).toEqual([]);
      expect(csp.errors).toEqual([]);
    });

    test("an engineer's journey: no exercise rules, one failed kube-bench finding hardened, verified and exported", async ({
      page,
      paste,
      download,
      benchOutputs,
    }) => {
      test.setTimeout(120_000);
      const csp = await watchCsp(page);
      await page.goto('/worksheet/');
      await page.getByRole('checkbox', { name: 'Course exercise rules' }).uncheck();
      await expect(page.getByRole('heading', { name: '6. Your picks' })).toBeVisible();
      const run = benchOutputs.read(KIND_RUN);
      await paste('Benchmark output', run);

      // Fix first: the list opens on the findings whose threats are most severe.
      const findings = page.locator('finding-list');
      await expect(findings.getByRole('combobox', { name: 'Sort findings' })).toHaveValue(
        'severity'
      );
      await expect(findings.locator('h3').first()).toHaveText(
        /^Fix first: critical and high severity \(\d+\)$/
      );
      const box = page.getByRole('checkbox', { name: ETCD_DIR });
      await expect(box.locator('xpath=ancestor::li').locator('.sev')).toHaveText(/^Severity /);
      await box.check();
      await page.getByRole('combobox', { name: 'Threat for 1.1.12' }).selectOption('K8S-I-01');
      await page
        .getByRole('textbox', { name: 'Why harden 1.1.12' })
        .fill('Anyone who can read the etcd data directory reads every Secret of the cluster.');
      await expect(
        page.getByText(
          'All rules are met: every pick is a failed finding, tied to a threat and explained.'
        )
      ).toBeVisible();
      await expect(page.getByRole('link', { name: 'Go to your picks (1 chosen)' })).toBeVisible();

      await paste(
        'Benchmark output after hardening',
        run.replace(`[FAIL] ${ETCD_DIR}`, `[PASS] ${ETCD_DIR}`)
      );
      await page.getByRole('button', { name: 'Mark 1.1.12 verified' }).click();
      await expect(page.getByText(/^Verified: PASS 1\.1\.12/)).toBeVisible();
      expect(await overflow(page)).toBe(0);

      const md = await download('Export write-up');
      expect(md).toContain('## kube-bench Run Results and Analysis');
      expect(md).toContain('My own hardening, not the course exercise');
      expect(md).not.toMatch(/The course asks|exactly three|three picks/);
      expect(md).toMatch(/^### 1\. 1\.1\.12 .*Ensure that the etcd data directory ownership/m);
      expect(md).toMatch(/\*\*Evidence:\*\* the run after hardening reports \\\[PASS\\\] 1\.1\.12/);
      const text = await download('Download plain text');
      expect(text).toMatch(/Evidence: the run after hardening reports \[PASS\] 1\.1\.12/);
      expect(text).not.toMatch(/^#|\*\*|^- |```/m);

      // The choice is remembered.
      await page.reload();
      await expect(page.getByRole('checkbox', { name: 'Course exercise rules' })).not.toBeChecked();
      await expect(page.getByRole('heading', { name: '6. Your picks' })).toBeVisible();

      await axeInBothThemes(page);
      expect(await csp.violations()).toEqual([]);
      expect(csp.errors).toEqual([]);
    });
  });
}
