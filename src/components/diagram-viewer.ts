/**
 * <diagram-viewer>: a diagram at its natural size in a box that scrolls both ways, with zoom out, zoom in and
 * reset buttons. With focus anywhere in it, the arrow keys pan (with Shift, by a screenful) and +, - and 0
 * zoom, keeping the middle of the view where it was.
 */
import {
  keyAction,
  nextZoom,
  scrollAfterZoom,
  zoomLabel,
  type ZoomAction,
} from '../lib/model/zoom';

const ACTIONS: readonly string[] = ['in', 'out', 'reset'] satisfies ZoomAction[];

export class DiagramViewer extends HTMLElement {
  private zoom = 1;

  connectedCallback(): void {
    const viewport = this.querySelector<HTMLElement>('.zoom-viewport');
    const svg = viewport?.querySelector('svg');
    const output = this.querySelector('output');
    const tools = this.querySelector<HTMLElement>('.zoom-tools');
    if (!viewport || !svg || !output || !tools) return;
    const natural = svg.viewBox.baseVal.width;

    const apply = (action: ZoomAction) => {
      const to = nextZoom(this.zoom, action);
      const view = {
        left: viewport.scrollLeft,
        top: viewport.scrollTop,
        width: viewport.clientWidth,
        height: viewport.clientHeight,
      };
      const scroll = scrollAfterZoom(view, this.zoom, to);
      this.zoom = to;
      // The generated stylesheet caps the width at the natural size with !important; zooming lifts the cap.
      svg.style.setProperty('width', `${natural * to}px`);
      svg.style.setProperty('max-width', 'none', 'important');
      viewport.scrollTo(scroll.left, scroll.top);
      output.value = zoomLabel(to);
    };

    tools.hidden = false;
    // Start at the middle: the top of a diagram is centred, and a phone would show only empty margin.
    viewport.scrollLeft = (viewport.scrollWidth - viewport.clientWidth) / 2;
    tools.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-zoom]')?.dataset.zoom;
      if (action && ACTIONS.includes(action)) apply(action as ZoomAction);
    });
    this.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = keyAction(e.key, e.shiftKey, {
        width: viewport.clientWidth,
        height: viewport.clientHeight,
      });
      if (!action) return;
      e.preventDefault();
      if ('zoom' in action) apply(action.zoom);
      else viewport.scrollBy(action.dx, action.dy);
    });
  }
}

customElements.define('diagram-viewer', DiagramViewer);
