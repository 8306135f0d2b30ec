import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/store/index.js';
import { quietStore, startChild, tempDir } from './helpers.js';

describe('following another till incrementally', () => {
  it('sees every record a child appends to T2 exactly once, in order, while it appends', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    const w = store.claimTill('T1');
    w.append({ kind: 'sale', operator: 'me', at: '2025-01-01T00:00:00.000Z', doc: (await import('./helpers.js')).sampleSale('T1', 1) });
    const seen: JournalRecord[] = [];
    const child = await startChild('append', dir, 'T2', '300', '1');
    let polls = 0;
    let finished = false;
    void child.done.then(() => (finished = true));
    while (!finished) {
      seen.push(...store.journals.poll());
      polls++;
      await new Promise((r) => setTimeout(r, 2));
    }
    seen.push(...store.journals.poll());
    const r = await child.done;
    expect(r.code).toBe(0);
    const t2 = seen.filter((x) => x.till === 'T2');
    expect(t2.map((x) => x.seq)).toEqual([...Array(300).keys()].map((i) => i + 1));
    expect(t2.every((x) => x.operator === 'child' && x.doc.kind === 'sale')).toBe(true);
    expect(seen.filter((x) => x.till === 'T1').map((x) => x.seq)).toEqual([1]);
    expect(polls).toBeGreaterThan(5); // it really was followed while being written
    expect(store.journals.poll()).toEqual([]);
    expect(store.journals.findDocument('T2-000300')?.kind).toBe('sale');
    expect(store.journals.counts().map((c) => [c.till, c.records])).toEqual([['T1', 1], ['T2', 300]]);
    store.close();
  });
});
