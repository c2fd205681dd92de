import { describe, expect, it } from 'vitest';
import { countTopLevelKeys } from '../../../functions/http/top-level-keys.js';

describe('top-level key count', () => {
  it.each([
    ['{}', 0],
    ['{"reason":"x"}', 1],
    ['{"reason":"x","reason":"y"}', 2],
    ['{"reason":"a \\"reason\\": b, {}"}', 1],
    ['{"a":{"b":1,"c":[{"d":2}]},"e":3}', 2],
  ])('counts %s as %i', (text, count) => {
    expect(countTopLevelKeys(text)).toBe(count);
  });
});
