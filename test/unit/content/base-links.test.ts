import { describe, expect, it } from 'vitest';
import { baseLinks, type HtmlNode } from '../../../src/lib/content/base-links';

const link = (href: string): HtmlNode => ({ type: 'element', properties: { href }, children: [] });

/** A paragraph of prose as rehype sees it: links, an image, text. */
const prose = (): HtmlNode => ({
  type: 'root',
  children: [
    {
      type: 'element',
      properties: {},
      children: [
        link('/docker/'),
        link('/about/#how-severity-is-rated'),
        link('#scenario'),
        link('https://docs.docker.com/engine/security/'),
        link('//cdn.example/x'),
        { type: 'element', properties: { src: '/favicon.svg', alt: '' } },
        { type: 'text' },
      ],
    },
  ],
});

const addresses = (tree: HtmlNode): unknown[] => {
  const found: unknown[] = [];
  const stack = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.properties?.href !== undefined) found.push(node.properties.href);
    if (node.properties?.src !== undefined) found.push(node.properties.src);
    stack.push(...(node.children ?? []).slice().reverse());
  }
  return found;
};

describe('baseLinks', () => {
  it('puts the site paths of Markdown links and images under the base path, and nothing else', () => {
    const tree = prose();
    baseLinks('/sub/')()(tree);
    expect(addresses(tree)).toEqual([
      '/sub/docker/',
      '/sub/about/#how-severity-is-rated',
      '#scenario',
      'https://docs.docker.com/engine/security/',
      '//cdn.example/x',
      '/sub/favicon.svg',
    ]);
  });

  it('leaves a site served from the root as written', () => {
    const tree = prose();
    baseLinks('/')()(tree);
    expect(tree).toEqual(prose());
  });

  it('reaches links nested deeper than a call stack would', () => {
    let tree: HtmlNode = link('/threats/');
    for (let i = 0; i < 20_000; i++) tree = { type: 'element', children: [tree] };
    baseLinks('/sub/')()(tree);
    let node = tree;
    while (node.children?.[0]) node = node.children[0];
    expect(node.properties?.href).toBe('/sub/threats/');
  });
});
