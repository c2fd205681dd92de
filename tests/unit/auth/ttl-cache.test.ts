import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../../functions/auth/ttl-cache.js';

describe('the key cache', () => {
  it('forgets entries after its TTL, so a revocation applies within it', () => {
    let clock = 0;
    const cache = new TtlCache<string>(60_000, 10, () => clock);
    cache.set('k', 'active');
    clock = 59_999;
    expect(cache.get('k')).toBe('active');
    clock = 60_000;
    expect(cache.get('k')).toBeUndefined();
  });

  it('stays bounded, dropping the oldest entry', () => {
    const cache = new TtlCache<number>(60_000, 2, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});

describe('the key cache order', () => {
  it('refreshes an entry that is set again, so that the oldest other entry is dropped first', () => {
    const cache = new TtlCache<number>(60_000, 2, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
  });
});
