/** Zoom and pan of a diagram shown at natural size: pure arithmetic, the custom element applies it. */

export const ZOOM_MIN = 0.25;
export const ZOOM_MAX = 4;
/** Each zoom step scales by this factor; powers of it land back on 1. */
export const ZOOM_STEP = 1.25;
/** Pixels an arrow key pans; with Shift, a viewport's width or height less this. */
export const PAN_STEP = 60;

export type ZoomAction = 'in' | 'out' | 'reset';

/** The zoom after one step in or out from `zoom`, or 1 for a reset, kept within the limits. */
export function nextZoom(zoom: number, action: ZoomAction): number {
  if (action === 'reset') return 1;
  // Round to the step's powers so that repeated steps cannot drift away from 1.
  const power = Math.round(Math.log(zoom) / Math.log(ZOOM_STEP)) + (action === 'in' ? 1 : -1);
  const next = Math.round(ZOOM_STEP ** power * 1e6) / 1e6;
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, next));
}

export interface ScrollBox {
  left: number;
  top: number;
  /** The visible part of the scrolled area. */
  width: number;
  height: number;
}

/**
 * Where to scroll after zooming from `from` to `to`, so that the point at the centre of the view stays there;
 * the browser clamps what lies past the edges.
 */
export function scrollAfterZoom(
  box: ScrollBox,
  from: number,
  to: number
): { left: number; top: number } {
  const ratio = to / from;
  return {
    left: Math.max(0, (box.left + box.width / 2) * ratio - box.width / 2),
    top: Math.max(0, (box.top + box.height / 2) * ratio - box.height / 2),
  };
}

/** What a key does on the diagram: a zoom action, a pan by (dx, dy), or nothing. */
export function keyAction(
  key: string,
  shift: boolean,
  view: { width: number; height: number }
): { zoom: ZoomAction } | { dx: number; dy: number } | undefined {
  const far = (size: number) => Math.max(PAN_STEP, size - PAN_STEP);
  const x = shift ? far(view.width) : PAN_STEP;
  const y = shift ? far(view.height) : PAN_STEP;
  switch (key) {
    case '+':
    case '=':
      return { zoom: 'in' };
    case '-':
    case '_':
      return { zoom: 'out' };
    case '0':
      return { zoom: 'reset' };
    case 'ArrowLeft':
      return { dx: -x, dy: 0 };
    case 'ArrowRight':
      return { dx: x, dy: 0 };
    case 'ArrowUp':
      return { dx: 0, dy: -y };
    case 'ArrowDown':
      return { dx: 0, dy: y };
    default:
      return undefined;
  }
}

/** The zoom as the toolbar shows it, e.g. "125%". */
export const zoomLabel = (zoom: number): string => `${Math.round(zoom * 100)}%`;
