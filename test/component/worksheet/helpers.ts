import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { afterEach, vi } from 'vitest';
import { ExerciseRules } from '../../../src/components/worksheet/exercise-rules';
import { ExportPanel } from '../../../src/components/worksheet/export-panel';
import { FindingList } from '../../../src/components/worksheet/finding-list';
import { PickList } from '../../../src/components/worksheet/pick-list';
import { PrintWriteup } from '../../../src/components/worksheet/print-writeup';
import { RunInput } from '../../../src/components/worksheet/run-input';
import { RunSummary } from '../../../src/components/worksheet/run-summary';
import { StepNav } from '../../../src/components/worksheet/step-nav';
import { StorageNotice } from '../../../src/components/worksheet/storage-notice';
import { provideWorksheetStore } from '../../../src/components/worksheet/store-context';
import { ThreatListStep } from '../../../src/components/worksheet/threat-list-step';
import { VerifyPanel } from '../../../src/components/worksheet/verify-panel';
import type { WorksheetStore } from '../../../src/components/worksheet/worksheet-store';
import { WriteupExport } from '../../../src/components/worksheet/writeup-export';

/** Element tests: the components' real markup, their elements registered as the page does, each test's own store. */

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['exercise-rules', ExerciseRules],
  ['export-panel', ExportPanel],
  ['finding-list', FindingList],
  ['pick-list', PickList],
  ['print-writeup', PrintWriteup],
  ['run-input', RunInput],
  ['run-summary', RunSummary],
  ['step-nav', StepNav],
  ['storage-notice', StorageNotice],
  ['threat-list-step', ThreatListStep],
  ['verify-panel', VerifyPanel],
  ['writeup-export', WriteupExport],
];
for (const [tag, element] of ELEMENTS)
  if (!customElements.get(tag)) customElements.define(tag, element);

const container = await AstroContainer.create();

/**
 * The HTML a component renders, as the page has it. The component is taken as unknown: outside Astro's
 * own checker, TypeScript does not know the type of an .astro import.
 */
export function markup(component: unknown, props: Record<string, unknown> = {}): Promise<string> {
  return container.renderToString(component as AstroComponentFactory, { props });
}

/** Puts markup into the document with `store` provided around it; its elements connect at once. */
export function mount(html: string, store: WorksheetStore): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  provideWorksheetStore(root, store);
  // Parsed apart and added whole, as the page's elements are complete when its script runs.
  const template = document.createElement('template');
  template.innerHTML = html;
  root.append(template.content);
  return root;
}

afterEach(() => {
  // Disconnecting the elements undoes their subscriptions.
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** The element's visible text, whitespace collapsed. */
export function text(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

// A label's own words, without those of the control it wraps.
function labelText(label: HTMLLabelElement): string {
  const copy = label.cloneNode(true) as HTMLLabelElement;
  for (const control of copy.querySelectorAll('select, textarea, input')) control.remove();
  return text(copy);
}

/** The form control labelled `name` (by its label element), as a user finds it. */
export function byLabel<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T {
  const label = [...root.querySelectorAll('label')].find((l) => labelText(l) === name);
  if (!label) throw new Error(`no control labelled "${name}"`);
  const control = label.htmlFor
    ? root.querySelector<T>(`#${CSS.escape(label.htmlFor)}`)
    : label.querySelector<T>('input, select, textarea');
  if (!control) throw new Error(`the label "${name}" names no control`);
  return control;
}

/** The button whose visible text is `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const b = [...root.querySelectorAll('button')].find((x) => text(x) === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
}

/** Types into a text box as a user does: its value, then an input event. */
export function type(box: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Pastes into a text box as a browser does: a paste event, then the text and an input event. */
export function paste(box: HTMLTextAreaElement, value: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', value);
  const event = new ClipboardEvent('paste', {
    clipboardData: data,
    bubbles: true,
    cancelable: true,
  });
  if (box.dispatchEvent(event)) type(box, value);
}

/** Chooses an option of a select as a user does. */
export function choose(select: HTMLSelectElement, value: string): void {
  if (![...select.options].some((o) => o.value === value))
    throw new Error(`no option "${value}" to choose`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Starts downloads as the page does and returns what each would save, by file name. */
export function downloads(): Map<string, Promise<string>> {
  const saved = new Map<string, Promise<string>>();
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:download-${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement
  ) {
    const blob = blobs.get(this.href);
    if (blob) saved.set(this.download, blob.text());
  });
  return saved;
}

/** Opens a file through a file input as a user does. */
export function openFile(input: HTMLInputElement, file: File): void {
  // happy-dom's file inputs take no files; the element reads input.files, so that is what it gets.
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
