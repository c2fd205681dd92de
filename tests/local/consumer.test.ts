// The typed client of tests/consumer, run against `npm start` as a consumer runs it against a stage.
import { describe, expect, inject, it } from 'vitest';
import { runConsumer } from '../consumer/client.js';

// The run's shared npm start: this test decides referrals of the demo seed (attr-queue-30 to 35) that no other test touches.
const api = inject('sharedNpmStart');

describe('the generated client against npm start', () => {
  it('lists with limit 5, reads, rejects with and without a key, bulk-rejects, approves one and many, and narrows every answer', async () => {
    const run = await runConsumer(
      api.baseUrl,
      'ck_demo_admin_0000000000000000',
      {
        listStatus: 'review_required',
        toReject: 'attr-queue-30',
        toRejectKeyed: 'attr-queue-31',
        bulk: ['attr-queue-32', 'attr-queue-33', 'no-such-referral', 'attr-queue-30'],
        toApprove: 'attr-queue-34',
        bulkApprove: ['attr-queue-35', 'attr-queue-34'],
      },
      'consumer-test-1',
    );
    expect(run.listed).toHaveLength(5);
    expect(run.nextCursor).not.toBeNull();
    expect(run.read.id).toBe(run.listed[0]);
    expect(run.rejected).toEqual({ status: 'rejected', replayed: false });
    expect(run.replay).toEqual({ status: 'rejected', replayed: true });
    expect(run.conflict).toEqual({ type: 'conflict', status: 'rejected' });
    expect(run.bulk).toEqual({
      rejected: 2,
      outcomes: [
        'attr-queue-32:rejected:rejected',
        'attr-queue-33:rejected:rejected',
        'no-such-referral:not_found:not_found',
        'attr-queue-30:conflict:conflict',
      ],
    });
    expect(run.approved).toEqual({ status: 'qualified', reviewedBy: 'admin-user' });
    expect(run.bulkApproved).toEqual({
      approved: 1,
      outcomes: ['attr-queue-35:approved:qualified', 'attr-queue-34:conflict:conflict'],
    });
    expect(run.notFound).toEqual({ type: 'not_found', retryable: false });
  }, 60_000);
});
