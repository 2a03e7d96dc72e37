// Outside Astro's own tooling TypeScript cannot read an .astro file, so an import of one from a
// test would have no type. What such a test holds is the factory the container renders.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}
