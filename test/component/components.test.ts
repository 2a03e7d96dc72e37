import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import SeverityBadge from '../../src/components/SeverityBadge.astro';
import References from '../../src/components/References.astro';
import Toc from '../../src/components/Toc.astro';

const container = await AstroContainer.create();

describe('SeverityBadge', () => {
  it('says the severity in words, not only in colour', async () => {
    const html = await container.renderToString(SeverityBadge, { props: { rating: 'critical' } });
    expect(html).toMatch(/<span class="badge sev sev-critical"[^>]*>Critical<\/span>/);
  });
});

describe('References', () => {
  it('numbers references so that [n] in the prose links to #ref-n, and escapes their text', async () => {
    const html = await container.renderToString(References, {
      props: {
        references: [
          {
            title: 'Docker Engine security',
            url: 'https://docs.docker.com/engine/security/',
            publisher: 'Docker',
          },
          {
            title: '<b>CVE</b>',
            url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-5736',
            publisher: 'NIST NVD',
          },
        ],
      },
    });
    expect(html).toMatch(
      /<li id="ref-1">\s*<a href="https:\/\/docs\.docker\.com\/engine\/security\/">Docker Engine security<\/a>, Docker\./
    );
    expect(html).toContain('id="ref-2"');
    expect(html).toContain('&lt;b&gt;CVE&lt;/b&gt;');
  });
});

describe('Toc', () => {
  it('lists h2 and h3 headings and leaves out a single-heading page', async () => {
    const headings = [
      { depth: 2, slug: 'attack-scenario', text: 'Attack scenario' },
      { depth: 3, slug: 'step-one', text: 'Step one' },
      { depth: 4, slug: 'deep', text: 'Too deep' },
    ];
    const html = await container.renderToString(Toc, { props: { headings } });
    expect(html).toContain('href="#attack-scenario"');
    expect(html).toContain('class="depth-3"');
    expect(html).not.toContain('Too deep');
    expect(
      await container.renderToString(Toc, { props: { headings: headings.slice(0, 1) } })
    ).not.toContain('<nav');
  });
});
