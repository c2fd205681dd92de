// The condition clauses of this API's writes, each named by what it means and joined where a write uses it, as
// Powertools' DynamoDBPersistenceLayer names its own (idempotencyKeyDoesNotExist, idempotencyKeyExpired).
// A clause names its attributes through the placeholders given beside it (#status, :now, …).

/** No item with this key yet: a record written once. */
export const ITEM_ABSENT = 'attribute_not_exists(pk)';
/** The item is still there: a record closed once. */
export const ITEM_PRESENT = 'attribute_exists(pk)';
/** The status is the one the change was decided from (`#status`, `:expected`). */
export const STATUS_AS_READ = '#status = :expected';
/** The item is not in the queue partition it is about to enter (`#key`, `:key`): it enters it now. */
export const NOT_QUEUED_THERE = 'attribute_not_exists(#key) OR #key <> :key';
/** A record whose time is up (`:now`, Unix seconds) and that TTL has not removed yet. */
export const RECORD_EXPIRED = 'expires_at <= :now';
/** An idempotency claim still in progress (`#state`, `:inProgress`). */
export const CLAIM_IN_PROGRESS = '#state = :inProgress';
/** A claim whose lease is over (`:now`), so that a retry may take it. */
export const LEASE_OVER = 'lease_until <= :now';
/** This request's own claim (`:claim`). */
export const CLAIM_IS_OURS = 'claim_id = :claim';

/** Nobody has claimed the referral (`#claimedBy`). */
export const UNCLAIMED = 'attribute_not_exists(#claimedBy)';
/** The caller holds the claim (`#claimedBy`, `:caller`). */
export const CLAIMED_BY_CALLER = '#claimedBy = :caller';
/** The claim's lease is over by the server's clock at the write (`#claimedUntil`, `:nowMs`, epoch ms). */
export const CLAIM_EXPIRED = '#claimedUntil <= :nowMs';
/** Someone holds a claim whose lease is still running (`#claimedBy`, `#claimedUntil`, `:nowMs`). */
export const CLAIM_LIVE = 'attribute_exists(#claimedBy) AND #claimedUntil > :nowMs';

/** Nobody but the caller holds a live claim: none, the caller's, or one whose lease is over. */
export const OPEN_TO_CALLER = `${UNCLAIMED} OR ${CLAIMED_BY_CALLER} OR ${CLAIM_EXPIRED}`;

export const anyOf = (...clauses: string[]): string =>
  clauses.map((clause) => (clauses.length > 1 && / AND /.test(clause) ? `(${clause})` : clause)).join(' OR ');
export const allOf = (...clauses: string[]): string =>
  clauses.map((clause) => (clauses.length > 1 && / OR /.test(clause) ? `(${clause})` : clause)).join(' AND ');
