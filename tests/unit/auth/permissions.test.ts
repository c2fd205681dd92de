import { describe, expect, it } from 'vitest';
import { InsufficientPermissions, PERMISSIONS, permissionsOf, requirePermission } from '../../../functions/auth/permissions.js';
import { fromAuthorizerContext, permissionsFromAuthorizerContext, toAuthorizerContext } from '../../../functions/auth/principal.js';
import { aPrincipal } from '../../support/builders.js';

describe('permissions', () => {
  it('gives each role its set, in the declared order, and narrows it by a list, never widening it', () => {
    expect(permissionsOf('viewer')).toEqual(['referrals:read']);
    expect(permissionsOf('reviewer')).toEqual(['referrals:read', 'referrals:decide', 'referrals:claim', 'referrals:note']);
    expect(permissionsOf('admin')).toEqual([...PERMISSIONS]);
    expect(permissionsOf('admin', ['referrals:reopen', 'referrals:read'])).toEqual(['referrals:read', 'referrals:reopen']);
    expect(permissionsOf('viewer', ['referrals:read', 'referrals:decide'])).toEqual(['referrals:read']);
    expect(permissionsOf('reviewer', [])).toEqual([]);
  });

  it('refuses a missing permission by naming it, and lets a granted one through', () => {
    expect(() => requirePermission(['referrals:read'], 'referrals:read')).not.toThrow();
    expect(() => requirePermission(['referrals:read'], 'referrals:decide')).toThrowError(
      expect.objectContaining({
        constructor: InsufficientPermissions,
        code: 'AUTH.INSUFFICIENT_PERMISSIONS',
        details: { required: 'referrals:decide' },
      }),
    );
    expect(() => requirePermission([], 'referrals:read')).toThrow(InsufficientPermissions);
  });

  it('travels in the authorizer context as one string, and back', () => {
    const context = toAuthorizerContext(aPrincipal(), ['referrals:read', 'referrals:decide']);
    expect(context.permissions).toBe('referrals:read,referrals:decide');
    expect(permissionsFromAuthorizerContext(context)).toEqual(['referrals:read', 'referrals:decide']);
    expect(fromAuthorizerContext(context)).toEqual(aPrincipal());
    expect(permissionsFromAuthorizerContext(toAuthorizerContext(aPrincipal()))).toEqual([...PERMISSIONS]);
    expect(permissionsFromAuthorizerContext({ ...context, permissions: '' })).toEqual([]);
  });

  it('reads a context without permissions (an older authorizer, which admitted admins alone) as every permission, and refuses an unknown one', () => {
    const { permissions: _none, ...older } = toAuthorizerContext(aPrincipal());
    expect(permissionsFromAuthorizerContext(older)).toEqual([...PERMISSIONS]);
    expect(permissionsFromAuthorizerContext({ ...older, permissions: 'referrals:read,referrals:everything' })).toBeUndefined();
    expect(permissionsFromAuthorizerContext({ ...older, permissions: 7 })).toBeUndefined();
  });
});
