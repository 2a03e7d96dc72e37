// Astro types a template element as `HTMLElement | any` because it serves several frameworks' JSX,
// and leaves the global JSX namespace undeclared. Type-aware lint rules then read every
// `{list.map((x) => <li>…</li>)}` as returning an unsafe value. What a template element evaluates to
// is Astro's business: unknown says so without switching those rules off.
declare namespace JSX {
  type Element = unknown;
}
