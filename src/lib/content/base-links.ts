import { withBase } from '../site';

/** The part of a hast node (the HTML tree Markdown becomes) that links live in. */
export interface HtmlNode {
  type: string;
  properties?: Record<string, unknown>;
  children?: HtmlNode[];
}

const LINK_PROPERTIES = ['href', 'src'] as const;

/** A site path such as "/threats/" or "/about/#reuse"; not "//host/...", which names another host. */
const isSitePath = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//');

/**
 * A rehype plugin that puts the site paths of Markdown and MDX links and images under the base path the
 * site is built for. Prose writes `[the Docker model](/docker/)`, which only url() would otherwise place.
 */
export function baseLinks(base: string) {
  return () => (tree: HtmlNode) => {
    if (base === '/') return;
    // A stack rather than recursion: deeply nested prose must not overflow the call stack.
    const stack = [tree];
    for (let node = stack.pop(); node; node = stack.pop()) {
      const properties = node.properties;
      if (properties)
        for (const name of LINK_PROPERTIES)
          if (isSitePath(properties[name])) properties[name] = withBase(base, properties[name]);
      if (node.children) for (const child of node.children) stack.push(child);
    }
  };
}
