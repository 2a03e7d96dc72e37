// The course journey through the worksheet, as a student makes it: five Docker and five Kubernetes threats
// started from the catalog and rewritten, a real run pasted, three findings picked, tied to the student's own
// threats and explained, the run after hardening pasted and each pick marked verified. The bench measures
// the page at its end.

export const COURSE_RUN_BEFORE =
  'aquasec-docker-bench/uweTelco-nd064-c3-microservices-security-project-starter-before-hardening.txt';
export const COURSE_RUN_AFTER =
  'aquasec-docker-bench/uweTelco-nd064-c3-microservices-security-project-starter-after-hardening.txt';

const THREATS = {
  Docker: ['DOCKER-S-01', 'DOCKER-T-01', 'DOCKER-I-01', 'DOCKER-D-01', 'DOCKER-E-01'],
  Kubernetes: ['K8S-S-01', 'K8S-R-01', 'K8S-I-01', 'K8S-D-01', 'K8S-E-01'],
};
const PICKS = [
  ['2.15 Ensure live restore is Enabled', '2.15'],
  ['2.16 Ensure Userland Proxy is Disabled', '2.16'],
  ['3.17 Ensure that the daemon.json file ownership is set to root:root', '3.17'],
];

/**
 * Pastes text into the text box named `name` within `on` (a page or a part of it) as a browser does: a
 * paste event carrying the text, then, unless the page took it, the text in the box and an input event.
 * Typing megabytes key by key would take minutes.
 */
export async function paste(on, name, text) {
  await on.getByRole('textbox', { name, exact: true }).evaluate((area, value) => {
    area.focus();
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const event = new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    });
    if (!area.dispatchEvent(event)) return;
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/** Walks the course journey on a freshly opened /worksheet/ page; `read` returns a benchmark output's text. */
export async function courseJourney(page, read) {
  for (const [platform, ids] of Object.entries(THREATS)) {
    const region = page.getByRole('region', { name: `${platform} threats`, exact: true });
    await region.getByText(`Start from a threat of the ${platform} catalog`).click();
    for (const [i, id] of ids.entries()) {
      await region.getByRole('button', { name: `Start from ${id}` }).click();
      await region
        .getByRole('textbox', { name: `Description of threat ${i + 1}` })
        .fill(`${platform} threat ${i + 1} in the student's own words, for their own setting.`);
    }
  }
  await paste(page, 'Benchmark output', read(COURSE_RUN_BEFORE));
  for (const [i, [name, id]] of PICKS.entries()) {
    await page.getByRole('checkbox', { name }).check();
    const threat = page.getByRole('combobox', { name: `Threat for ${id}` });
    const own = threat.locator('option[value^="mine:"]').nth(i);
    await threat.selectOption((await own.getAttribute('value')) ?? '');
    await page
      .getByRole('textbox', { name: `Why harden ${id}` })
      .fill(`Hardening ${id} makes the attack in my threat ${i + 1} harder.`);
  }
  await paste(page, 'Benchmark output after hardening', read(COURSE_RUN_AFTER));
  for (const [, id] of PICKS)
    await page.getByRole('button', { name: `Mark ${id} verified` }).click();
  await page.getByText(`Verified: PASS ${PICKS[2][1]}`).waitFor();
}
