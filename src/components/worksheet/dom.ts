/** Building DOM from untrusted text: every string becomes a text node, never HTML. */

type Child = Node | string | null | undefined | false;

/**
 * An element with attributes and children; strings become text nodes. A list of children is passed as
 * an array, never spread: spreading a run's thousands of findings into a call overflows the stack.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const c of children) {
    if (Array.isArray(c)) for (const item of c as readonly Child[]) add(node, item);
    else add(node, c as Child);
  }
  return node;
}

function add(node: Element, child: Child): void {
  if (child !== null && child !== undefined && child !== false) node.append(child);
}

/** Catalog prose with `code` spans shown as code; the text itself still only ever becomes text nodes. */
export function prose(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2)
      frag.append(el('code', { text: part.slice(1, -1) }));
    else if (part) frag.append(part);
  });
  return frag;
}

/** Offers text as a file download, made in the browser. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Puts text on the clipboard; false when the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
