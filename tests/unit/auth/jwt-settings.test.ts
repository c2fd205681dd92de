import { describe, expect, it } from 'vitest';
import { jwtSettingsFrom } from '../../../functions/auth/jwt-settings.js';

describe('console JWT settings', () => {
  it('are used only when all three are given', () => {
    const all = { jwksUrl: 'https://c/jwks', issuer: 'https://c', audience: 'a' };
    expect(jwtSettingsFrom(all)).toEqual(all);
    for (const missing of ['jwksUrl', 'issuer', 'audience'] as const)
      expect(jwtSettingsFrom({ ...all, [missing]: undefined })).toBeUndefined();
  });
});
