// Renders the reject use case's result as the HTTP response: the envelope, and Idempotent-Replayed on a replay.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { RejectResult } from '../referrals/reject-referral.js';
import { successResponse } from '../shared/envelope.js';

export const presentRejection = (requestId: string, result: RejectResult): APIGatewayProxyResult =>
  successResponse(requestId, result, result.replayed ? { 'idempotent-replayed': 'true' } : {});
