import { describe, expect, it } from 'vitest';
import {
  PAN_STEP,
  ZOOM_MAX,
  ZOOM_MIN,
  keyAction,
  nextZoom,
  scrollAfterZoom,
  zoomLabel,
} from '../../src/lib/model/zoom';

describe('nextZoom', () => {
  it('steps by a quarter in and out and returns exactly to natural size', () => {
    expect(nextZoom(1, 'in')).toBe(1.25);
    expect(nextZoom(1.25, 'in')).toBe(1.5625);
    expect(nextZoom(1, 'out')).toBe(0.8);
    let z = 1;
    for (let i = 0; i < 5; i++) z = nextZoom(z, 'in');
    for (let i = 0; i < 5; i++) z = nextZoom(z, 'out');
    expect(z).toBe(1);
    expect(nextZoom(2.7, 'reset')).toBe(1);
  });

  it('stays within its limits', () => {
    let z = 1;
    for (let i = 0; i < 30; i++) z = nextZoom(z, 'in');
    expect(z).toBe(ZOOM_MAX);
    for (let i = 0; i < 60; i++) z = nextZoom(z, 'out');
    expect(z).toBe(ZOOM_MIN);
  });
});

describe('scrollAfterZoom', () => {
  it('keeps the point in the middle of the view in the middle', () => {
    const box = { left: 300, top: 100, width: 800, height: 600 };
    // the middle is at (700, 400); doubled it is at (1400, 800)
    expect(scrollAfterZoom(box, 1, 2)).toEqual({ left: 1000, top: 500 });
    expect(scrollAfterZoom({ ...box, left: 0, top: 0 }, 1, 0.5)).toEqual({ left: 0, top: 0 });
  });
});

describe('keyAction', () => {
  const view = { width: 900, height: 500 };
  it('zooms with +, = , - and 0, and pans with the arrows, by a screenful with Shift', () => {
    expect(keyAction('+', false, view)).toEqual({ zoom: 'in' });
    expect(keyAction('=', false, view)).toEqual({ zoom: 'in' });
    expect(keyAction('-', false, view)).toEqual({ zoom: 'out' });
    expect(keyAction('0', false, view)).toEqual({ zoom: 'reset' });
    expect(keyAction('ArrowRight', false, view)).toEqual({ dx: PAN_STEP, dy: 0 });
    expect(keyAction('ArrowUp', false, view)).toEqual({ dx: 0, dy: -PAN_STEP });
    expect(keyAction('ArrowLeft', true, view)).toEqual({ dx: -(900 - PAN_STEP), dy: 0 });
    expect(keyAction('ArrowDown', true, view)).toEqual({ dx: 0, dy: 500 - PAN_STEP });
    expect(keyAction('Tab', false, view)).toBeUndefined();
    expect(keyAction('a', false, view)).toBeUndefined();
  });
});

it('shows the zoom as a whole percentage', () => {
  expect(zoomLabel(1.5625)).toBe('156%');
});
