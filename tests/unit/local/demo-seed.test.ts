import { describe, expect, it } from 'vitest';
import { DEMO_SEED_FILE } from '../../../local/local-runtime.js';
import { readSeed } from '../../../local/seed.js';

describe('the demo seed', () => {
  it('dates every referral, so that the oldest-first queue is the order a reviewer would see', async () => {
    const seed = await readSeed(DEMO_SEED_FILE);
    expect(seed.attributions.filter((attribution) => !attribution.created_at).map((attribution) => attribution.id)).toEqual([]);
    const held = seed.attributions.filter((attribution) => attribution.status === 'review_required');
    expect(held.length).toBeGreaterThanOrEqual(40);
    expect(new Set(seed.attributions.map((attribution) => attribution.status)).size).toBe(8);
  });
});
