// Refuses a caller whose credential lacks the route's permission, before anything is read, written, reserved or
// charged: it runs before the metering step, so a refusal counts toward no limit either.
import type { MiddlewareObj } from '@middy/core';
import { type Permission, requirePermission } from '../../auth/permissions.js';
import type { ApiContext } from './request-context.js';

export const routePermission = (required: Permission): MiddlewareObj<unknown, unknown, Error, ApiContext> => ({
  before: (request) => {
    requirePermission(request.context.permissions, required);
  },
});
