// The backup screen's file sizes: bytes below 1 KB, then tenths of the largest unit that fits.
import { describe, expect, it } from 'vitest';
import { sizeText } from '../../../src/screens/golive/backup-screen.js';

describe('sizeText', () => {
  it.each([[0, '0 B'], [1023, '1023 B'], [1024, '1.0 KB'], [1536, '1.5 KB'], [1048576, '1.0 MB'], [5 * 1048576 + 52429, '5.1 MB'], [3 * 1024 ** 3, '3.0 GB']])('%d bytes is %s', (bytes, text) => {
    expect(sizeText(bytes)).toBe(text);
  });
});
