// A consumer of the API as the console team writes one: openapi-fetch with the types openapi-typescript generates
// from openapi.json (./openapi.d.ts). It type-checks in `npm test`; tests/local/consumer.test.ts runs it against
// `npm start`. Every success and every error is narrowed as a consumer would narrow it.
import createClient from 'openapi-fetch';
import type { paths } from './openapi.js';

export type ConsumerRun = {
  listed: string[];
  nextCursor: string | null;
  read: { id: string; rewards: number; activity: number };
  rejected: { status: 'rejected'; replayed: boolean };
  replay: { status: 'rejected'; replayed: boolean };
  conflict: { type: string; status: string | undefined };
  bulk: { rejected: number; outcomes: string[] };
  approved: { status: 'qualified'; reviewedBy: string | undefined };
  bulkApproved: { approved: number; outcomes: string[] };
  notFound: { type: string; retryable: boolean };
};

export const runConsumer = async (
  baseUrl: string,
  key: string,
  ids: { listStatus: 'review_required'; toReject: string; toRejectKeyed: string; bulk: string[]; toApprove: string; bulkApprove: string[] },
  idempotencyKey: string,
): Promise<ConsumerRun> => {
  const client = createClient<paths>({ baseUrl, headers: { 'x-api-key': key } });

  const list = await client.GET('/api/v1/admin/referrals', { params: { query: { status: ids.listStatus, limit: 5 } } });
  if (!list.data) throw new Error(`list failed: ${list.response.status}`);
  const listed = list.data.data.attributions.map((attribution) => attribution.id);

  const read = await client.GET('/api/v1/admin/referrals/{id}', { params: { path: { id: listed[0] ?? 'none' } } });
  if (!read.data) throw new Error(`read failed: ${read.response.status}`);

  const reject = await client.POST('/api/v1/admin/referrals/{id}/reject', {
    params: { path: { id: ids.toReject } },
    body: { reason: 'same billing account' },
  });
  if (!reject.data) throw new Error(`reject failed: ${reject.response.status}`);
  // The 200's attribution is typed as rejected, not any status.
  const rejectedStatus: 'rejected' = reject.data.data.attribution.status;

  const keyed = () =>
    client.POST('/api/v1/admin/referrals/{id}/reject', {
      params: { path: { id: ids.toRejectKeyed }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { reason: 'same billing account' },
    });
  const first = await keyed();
  const again = await keyed();
  if (!first.data || !again.data) throw new Error('keyed reject failed');

  // A second reject of the same referral: a 409 whose context says its status.
  const conflict = await client.POST('/api/v1/admin/referrals/{id}/reject', { params: { path: { id: ids.toReject } } });
  if (conflict.data || !conflict.error) throw new Error('a second reject succeeded');
  const conflictError = conflict.error;
  // Narrow first: API Gateway's own answers are a {message} body, or plain text for a body over 10 MB.
  if (typeof conflictError !== 'object' || !('error' in conflictError))
    throw new Error(`API Gateway answered: ${JSON.stringify(conflictError)}`);

  const bulk = await client.POST('/api/v1/admin/referrals/reject', { body: { ids: ids.bulk, reason: 'fraud ring' } });
  if (!bulk.data) throw new Error(`bulk failed: ${bulk.response.status}`);
  const outcomes = bulk.data.data.results.map((result) => {
    // Each result narrows by its outcome.
    if (result.outcome === 'rejected') return `${result.id}:rejected:${result.attribution.status}`;
    return `${result.id}:${result.outcome}:${result.error.type}`;
  });

  const approve = await client.POST('/api/v1/admin/referrals/{id}/approve', {
    params: { path: { id: ids.toApprove } },
    body: { reason: 'verified with the customer' },
  });
  if (!approve.data) throw new Error(`approve failed: ${approve.response.status}`);
  // The 200's attribution is typed as qualified, the status from which the referral pipeline grants the rewards.
  const approvedStatus: 'qualified' = approve.data.data.attribution.status;

  const bulkApprove = await client.POST('/api/v1/admin/referrals/approve', { body: { ids: ids.bulkApprove } });
  if (!bulkApprove.data) throw new Error(`bulk approve failed: ${bulkApprove.response.status}`);
  const approveOutcomes = bulkApprove.data.data.results.map((result) =>
    result.outcome === 'approved'
      ? `${result.id}:approved:${result.attribution.status}`
      : `${result.id}:${result.outcome}:${result.error.type}`,
  );

  const missing = await client.GET('/api/v1/admin/referrals/{id}', { params: { path: { id: 'no-such-referral' } } });
  const missingError = missing.error;
  if (typeof missingError !== 'object' || !('error' in missingError))
    throw new Error('an unknown referral did not answer 404 in the envelope');

  return {
    listed,
    nextCursor: list.data.data.next_cursor,
    read: { id: read.data.data.attribution.id, rewards: read.data.data.rewards.length, activity: read.data.data.activity.length },
    rejected: { status: rejectedStatus, replayed: reject.response.headers.get('idempotent-replayed') === 'true' },
    replay: { status: again.data.data.attribution.status, replayed: again.response.headers.get('idempotent-replayed') === 'true' },
    // Narrowed on error.type: a conflict's context says the referral's status.
    conflict:
      conflictError.error.type === 'conflict'
        ? { type: conflictError.error.type, status: conflictError.error.context?.status }
        : { type: conflictError.error.type, status: undefined },
    bulk: { rejected: bulk.data.data.rejected, outcomes },
    approved: { status: approvedStatus, reviewedBy: approve.data.data.attribution.reviewed_by },
    bulkApproved: { approved: bulkApprove.data.data.counts.approved, outcomes: approveOutcomes },
    notFound: { type: missingError.error.type, retryable: missingError.error.retryable },
  };
};
