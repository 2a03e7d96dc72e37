import { el } from './dom';
import { WorksheetElement } from './worksheet-element';
import { componentNamer } from '../../lib/worksheet/own-threats';
import { PLATFORMS, PLATFORM_LABELS, STRIDE_LABELS } from '../../lib/stride';
import { oneLine } from '../../lib/worksheet/text';

export class PrintThreatModel extends WorksheetElement {
  protected connect(): void {
    // Built when the user prints, so typing never pays for it.
    window.addEventListener('beforeprint', () => this.render(), { signal: this.signal });
  }

  private render() {
    const name = componentNamer(this.store.threatCatalog);
    const parts = PLATFORMS.map((platform) => {
      const entries = this.store.ws.threatModel[platform];
      return el(
        'section',
        {},
        el('h2', { text: `${PLATFORM_LABELS[platform]} Threat Modeling` }),
        ...(entries.length === 0
          ? [el('p', { text: `No ${PLATFORM_LABELS[platform]} threats written yet.` })]
          : entries.map((e, i) =>
              el(
                'div',
                {},
                el('h3', {
                  text: `${i + 1}. ${e.stride ? STRIDE_LABELS[e.stride] : 'STRIDE category not chosen yet'}`,
                }),
                el(
                  'p',
                  {},
                  el('strong', { text: 'Component: ' }),
                  e.component
                    ? (name(platform, e.component) ?? oneLine(e.component))
                    : 'not chosen yet'
                ),
                el('pre', {
                  class: 'print-text',
                  text: e.description.trim() || 'Not written yet.',
                })
              )
            ))
      );
    });
    this.replaceChildren(...parts);
  }
}
