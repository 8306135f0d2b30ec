import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampList, listReducer } from '../../../src/screens/forms/list-state.js';

describe('listReducer', () => {
  it('scrolls the window to keep the selection visible', () => {
    let s = { selected: 0, top: 0 };
    for (let i = 0; i < 7; i += 1) s = listReducer(s, { type: 'move', delta: 1 }, 20, 5);
    expect(s).toEqual({ selected: 7, top: 3 });
    s = listReducer(s, { type: 'home' }, 20, 5);
    expect(s).toEqual({ selected: 0, top: 0 });
    s = listReducer(s, { type: 'end' }, 20, 5);
    expect(s).toEqual({ selected: 19, top: 15 });
  });

  it('clamps when the list shrinks or is empty', () => {
    expect(clampList({ selected: 9, top: 8 }, 3, 5)).toEqual({ selected: 2, top: 0 });
    expect(clampList({ selected: 4, top: 2 }, 0, 5)).toEqual({ selected: 0, top: 0 });
  });

  it('property: the selection is always inside the window and the list', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: -30, max: 30 }), { maxLength: 30 }),
      (count, rows, moves) => {
        let s = { selected: 0, top: 0 };
        for (const d of moves) s = listReducer(s, { type: 'move', delta: d }, count, rows);
        expect(s.selected).toBeGreaterThanOrEqual(0);
        expect(s.selected).toBeLessThan(count);
        expect(s.selected).toBeGreaterThanOrEqual(s.top);
        expect(s.selected).toBeLessThan(s.top + rows);
      },
    ));
  });
});
