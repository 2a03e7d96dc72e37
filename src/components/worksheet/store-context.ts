import type { WorksheetStore } from './worksheet-store';

/**
 * How the page's one store reaches its elements without a global: the page's entry script provides it
 * on the document, and each element asks for it with an event when it connects. The elements' scripts
 * and the entry script may run in either order: an element that asked too early asks again when the
 * store is provided.
 */

const REQUEST = 'worksheet-store-request';
const PROVIDED = 'worksheet-store-provided';

interface StoreRequest {
  store?: WorksheetStore;
}

/** Answers the store requests of the elements inside `root`; returns the function that stops answering. */
export function provideWorksheetStore(root: Document | Element, store: WorksheetStore): () => void {
  const answer = (event: Event) => {
    const request = (event as CustomEvent<StoreRequest>).detail;
    if (request.store) return;
    request.store = store;
    event.stopPropagation();
  };
  root.addEventListener(REQUEST, answer);
  (root.ownerDocument ?? root).dispatchEvent(new Event(PROVIDED));
  return () => root.removeEventListener(REQUEST, answer);
}

/** Calls `use` with the store provided around `element`, now or once it is provided, until `signal` aborts. */
export function withWorksheetStore(
  element: Element,
  signal: AbortSignal,
  use: (store: WorksheetStore) => void
): void {
  const ask = (): boolean => {
    const request: StoreRequest = {};
    element.dispatchEvent(
      new CustomEvent<StoreRequest>(REQUEST, { bubbles: true, composed: true, detail: request })
    );
    if (request.store) use(request.store);
    return request.store !== undefined;
  };
  if (ask()) return;
  const retry = () => {
    if (ask()) element.ownerDocument.removeEventListener(PROVIDED, retry);
  };
  element.ownerDocument.addEventListener(PROVIDED, retry, { signal });
}
