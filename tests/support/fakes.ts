// In-memory fakes of the domain's ports, holding the same conditions the DynamoDB adapters put in their transactions.
import type { ApiKeyRecord } from '../../functions/auth/api-key.js';
import type { ApiKeyStore, TokenVerdict, TokenVerifier } from '../../functions/auth/ports.js';
import type {
  Charge,
  ChargeCommit,
  ChargeRefusal,
  CreditReservations,
  MeterStore,
  ReleaseOutcome,
  RequestCount,
  Reservation,
  ReservationCommit,
} from '../../functions/billing/ports.js';
import type { UsageRecord } from '../../functions/billing/usage-record.js';
import { MAX_DEAD_LETTER_BYTES } from '../../functions/events/forward-activity.js';
import type { DeadLetter, DeadLetters, EventPublisher, PublishOutcome } from '../../functions/events/ports.js';
import type { ClaimHolder, IdempotencyClaim, IdempotencyClaims, IdempotencyStore } from '../../functions/idempotency/ports.js';
import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyRecord } from '../../functions/idempotency/record.js';
import type { Activity } from '../../functions/referrals/activity.js';
import type { Attribution, Reward } from '../../functions/referrals/attribution.js';
import type { StoredClaim } from '../../functions/referrals/claims.js';
import type { Hold } from '../../functions/referrals/hold.js';
import type { Note } from '../../functions/referrals/note-record.js';
import type {
  BulkItemCommit,
  BulkItemWritePlan,
  BulkRead,
  BulkReferralStore,
  ClaimNextStore,
  ClaimStore,
  ClaimWritePlan,
  DecisionCancellation,
  DecisionCommit,
  DecisionWritePlan,
  NoteStore,
  NoteWritePlan,
  ReferralRecord,
  ReferralStore,
  ReopenStore,
  ReopenWritePlan,
  ReviewState,
  ShardPage,
} from '../../functions/referrals/ports.js';
import type { DomainEvent } from '../../functions/referrals/review-event.js';
import { DependencyUnavailable, WriteOutcomeUnknown } from '../../functions/shared/dependency-errors.js';
import type { WarnLog, WriteBudget } from '../../functions/shared/write-budget.js';

export class FakeMeterStore implements MeterStore, CreditReservations {
  readonly counters = new Map<string, number>();
  readonly usage: UsageRecord[] = [];
  /** Outcomes the next commits return instead of applying (contention, a race lost). */
  readonly scripted: ChargeCommit[] = [];

  async countRequest(userId: string, window: string, limit: number): Promise<RequestCount> {
    const key = `${userId}#rate#${window}`;
    const hits = this.counters.get(key) ?? 0;
    if (hits >= limit) return { admitted: false, used: limit };
    this.counters.set(key, hits + 1);
    return { admitted: true, used: hits + 1 };
  }

  async readMonthCredits(userId: string, window: string): Promise<number> {
    return this.counters.get(`${userId}#month#${window}`) ?? 0;
  }

  /** The day and month conditions of a charge, as the transaction checks them; undefined when both hold. */
  refusalOf(charge: Charge): ChargeRefusal | undefined {
    const fits = (key: string, ceiling: number | null, credits: number) =>
      ceiling === null || (this.counters.get(key) ?? 0) + credits <= ceiling;
    if (!fits(`${charge.userId}#day#${charge.day.window}`, charge.day.ceiling, charge.day.credits)) return 'daily_cap';
    if (!fits(`${charge.userId}#month#${charge.month.window}`, charge.month.ceiling, charge.month.credits)) return 'included_credits';
    return undefined;
  }

  apply(charge: Charge): void {
    const add = (key: string, credits: number) => this.counters.set(key, (this.counters.get(key) ?? 0) + credits);
    add(`${charge.userId}#day#${charge.day.window}`, charge.day.credits);
    add(`${charge.userId}#month#${charge.month.window}`, charge.month.credits);
    this.usage.push(charge.usage);
  }

  /** Reservations that throw instead of applying, in turn (a fault). */
  readonly failingReservations: Error[] = [];
  readonly failingReleases: Error[] = [];

  /** Every reservation asked for, and outcomes the next ones return instead of applying (contention). */
  readonly reservations: Reservation[] = [];
  readonly scriptedReservations: ReservationCommit[] = [];

  async reserve(reservation: Reservation): Promise<ReservationCommit> {
    this.reservations.push(reservation);
    const failure = this.failingReservations.shift();
    if (failure) throw failure;
    const scripted = this.scriptedReservations.shift();
    if (scripted) return scripted;
    const refusal = this.refusalOf({ ...reservation, usage: {} as UsageRecord });
    if (refusal) return { reserved: false, refusal };
    this.add(`${reservation.userId}#day#${reservation.day.window}`, reservation.day.credits);
    this.add(`${reservation.userId}#month#${reservation.month.window}`, reservation.month.credits);
    this.open.set(reservation.requestId, reservation);
    return { reserved: true };
  }

  /** Reservations not closed yet, by request id. */
  readonly open = new Map<string, Reservation>();

  async release(reservation: Reservation, credits: number, _budget?: unknown, options = { close: true }): Promise<ReleaseOutcome> {
    const failure = this.failingReleases.shift();
    if (failure) throw failure;
    if (!this.open.has(reservation.requestId)) return 'already_released';
    if (options.close) this.open.delete(reservation.requestId);
    this.add(`${reservation.userId}#day#${reservation.day.window}`, -credits);
    this.add(`${reservation.userId}#month#${reservation.month.window}`, -credits);
    return 'released';
  }

  private add(key: string, credits: number): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + credits);
  }

  /** Charges that throw instead of applying, in turn (a fault, or an outcome left unknown). */
  readonly failingCharges: Error[] = [];

  async commitCharge(charge: Charge): Promise<ChargeCommit> {
    const failure = this.failingCharges.shift();
    if (failure) throw failure;
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    const refusal = this.refusalOf(charge);
    if (refusal) return { committed: false, refusal };
    this.apply(charge);
    return { committed: true };
  }
}

export class FakeIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();
  /** Records that appear only from the given read on (1-based), to play a concurrent request committing in between. */
  readonly appearOnRead = new Map<string, { read: number; record: IdempotencyRecord }>();
  reads = 0;

  async read(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.reads += 1;
    const late = this.appearOnRead.get(`${userId}#${key}`);
    if (late && this.reads >= late.read) this.records.set(`${userId}#${key}`, late.record);
    return this.records.get(`${userId}#${key}`);
  }
}

/** A write on one referral that carries its charge and, when keyed, its key's answer. */
type KeyedWrite = { charge: Charge; idempotency?: IdempotencyRecord | undefined };

/** Whether someone other than `caller` holds a claim that is live at `nowMs`, as the writes' conditions ask. */
const heldByOther = (claim: StoredClaim | undefined, caller: string, nowMs: number): claim is StoredClaim =>
  claim !== undefined && claim.by !== caller && claim.untilMs > nowMs;

export class FakeReferralStore implements ReferralStore, BulkReferralStore, ClaimStore, NoteStore, ReopenStore {
  readonly attributions = new Map<string, Attribution>();
  /** The claims as stored, by attribution id. */
  readonly claims = new Map<string, StoredClaim>();
  readonly claimWrites: ClaimWritePlan[] = [];
  readonly notes = new Map<string, Note[]>();
  readonly activity = new Map<string, Activity[]>();

  /** Every activity item of a referral, newest first, as the partition read returns them. */
  async loadReferral(attributionId: string): Promise<ReferralRecord | undefined> {
    const attribution = this.attributions.get(attributionId);
    if (!attribution) return undefined;
    return {
      attribution,
      rewards: this.rewards.get(attributionId) ?? [],
      activity: [...(this.activity.get(attributionId) ?? [])].reverse(),
      notes: this.notes.get(attributionId) ?? [],
    };
  }

  async commitNote(write: NoteWritePlan): Promise<DecisionCommit> {
    const early = this.scripted.shift() ?? this.storedAnswer(write);
    if (early) return { committed: false, cancellation: early };
    if (!this.attributions.has(write.attributionId)) return { committed: false, cancellation: { kind: 'attribution_missing' } };
    const refusal = this.meter.refusalOf(write.charge);
    if (refusal) return { committed: false, cancellation: { kind: refusal } };
    this.notes.set(write.attributionId, [...(this.notes.get(write.attributionId) ?? []), write.note]);
    this.applyCharge(write);
    return { committed: true };
  }

  async commitReopen(write: ReopenWritePlan): Promise<DecisionCommit> {
    const early = this.scripted.shift() ?? this.storedAnswer(write);
    if (early) return { committed: false, cancellation: early };
    const current = this.attributions.get(write.attributionId);
    if (!current) return { committed: false, cancellation: { kind: 'attribution_missing' } };
    if (current.status !== 'rejected' || current.reviewed_at !== write.rejectedAt)
      return { committed: false, cancellation: { kind: 'attribution_status', status: current.status } };
    const refusal = this.meter.refusalOf(write.charge);
    if (refusal) return { committed: false, cancellation: { kind: refusal } };
    this.attributions.set(write.attributionId, write.activity.attribution as Attribution);
    this.claims.delete(write.attributionId);
    this.activity.set(write.attributionId, [...(this.activity.get(write.attributionId) ?? []), write.activity]);
    this.holds.set(write.attributionId, [...(this.holds.get(write.attributionId) ?? []), write.hold]);
    this.applyCharge(write);
    return { committed: true };
  }
  /** The holds a reopen recorded, per referral, oldest first. */
  readonly holds = new Map<string, Hold[]>();
  readonly rewards = new Map<string, Reward[]>();
  readonly commits: DecisionWritePlan[] = [];
  /** Cancellations the next commits return before any check, to play races lost to other requests. */
  readonly scripted: DecisionCancellation[] = [];

  constructor(
    private readonly meter: FakeMeterStore,
    private readonly idempotency: FakeIdempotencyStore,
  ) {}

  /** The live stored answer of the write's key, which cancels the write as DynamoDB's condition on the record does. */
  private storedAnswer(write: KeyedWrite): DecisionCancellation | undefined {
    const existing = write.idempotency ? this.idempotency.records.get(`${write.charge.userId}#${write.idempotency.key}`) : undefined;
    const nowSeconds = Date.parse(write.charge.usage.created_at) / 1000;
    return existing && existing.expires_at > nowSeconds ? { kind: 'idempotency_replay', record: existing } : undefined;
  }

  /** The write's charge applied and its key's answer kept, as its transaction does. */
  private applyCharge(write: KeyedWrite): void {
    this.meter.apply(write.charge);
    if (write.idempotency) this.idempotency.records.set(`${write.charge.userId}#${write.idempotency.key}`, write.idempotency);
  }

  put(attribution: Attribution, rewards: Reward[] = []): void {
    this.attributions.set(attribution.id, attribution);
    this.rewards.set(attribution.id, rewards);
  }

  async loadReviewState(attributionId: string): Promise<ReviewState> {
    const claim = this.claims.get(attributionId);
    return {
      attribution: this.attributions.get(attributionId),
      rewards: this.rewards.get(attributionId) ?? [],
      ...(claim ? { claim } : {}),
    };
  }

  async commitClaim(write: ClaimWritePlan): Promise<DecisionCommit> {
    this.claimWrites.push(write);
    const early = this.scripted.shift() ?? this.storedAnswer(write);
    if (early) return { committed: false, cancellation: early };
    const current = this.attributions.get(write.attributionId);
    if (!current) return { committed: false, cancellation: { kind: 'attribution_missing' } };
    const claim = this.claims.get(write.attributionId);
    if (write.untilMs !== undefined && current.status !== 'review_required')
      return { committed: false, cancellation: { kind: 'attribution_status', status: current.status } };
    if (write.forced ? claim?.by !== write.forced.holder : heldByOther(claim, write.caller, write.nowMs))
      return claim
        ? { committed: false, cancellation: { kind: 'claimed', claim } }
        : { committed: false, cancellation: { kind: 'contention' } };
    const refusal = this.meter.refusalOf(write.charge);
    if (refusal) return { committed: false, cancellation: { kind: refusal } };
    if (write.untilMs === undefined) this.claims.delete(write.attributionId);
    else this.claims.set(write.attributionId, { by: write.caller, untilMs: write.untilMs });
    this.applyCharge(write);
    return { committed: true };
  }

  async commitDecision(write: DecisionWritePlan): Promise<DecisionCommit> {
    this.commits.push(write);
    const early = this.scripted.shift() ?? this.storedAnswer(write);
    if (early) return { committed: false, cancellation: early };
    const current = this.attributions.get(write.attributionId);
    if (!current) return { committed: false, cancellation: { kind: 'attribution_missing' } };
    if (current.status !== write.expectedStatus)
      return { committed: false, cancellation: { kind: 'attribution_status', status: current.status } };
    const claim = this.claims.get(write.attributionId);
    if (heldByOther(claim, write.changes.reviewed_by as string, Date.parse(write.changes.reviewed_at as string)))
      return { committed: false, cancellation: { kind: 'claimed', claim } };
    const refusal = this.meter.refusalOf(write.charge);
    if (refusal) return { committed: false, cancellation: { kind: refusal } };
    this.attributions.set(write.attributionId, { ...current, ...write.changes });
    this.claims.delete(write.attributionId);
    this.applyCharge(write);
    return { committed: true };
  }

  readonly itemWrites: BulkItemWritePlan[] = [];
  /** Per attribution id: an error its item transaction throws, or a contention it loses. */
  readonly itemFaults = new Map<string, Error | 'contention'>();

  /** The keyed request that decided each referral, as the adapter keeps it on the item. */
  readonly decidedUnder = new Map<string, string>();

  /** Ids the read leaves unread, as DynamoDB leaves keys unprocessed when throttled. */
  readonly unread = new Set<string>();

  async loadAttributions(ids: string[], _deadline?: number): Promise<BulkRead> {
    const referrals = new Map(
      ids.flatMap((id) => {
        const attribution = this.attributions.get(id);
        const decidedUnder = this.decidedUnder.get(id);
        if (!attribution || this.unread.has(id)) return [];
        return [[id, { attribution, ...(decidedUnder === undefined ? {} : { decidedUnder }) }] as const];
      }),
    );
    return { referrals, unread: new Set(ids.filter((id) => this.unread.has(id))) };
  }

  async commitItemDecision(write: BulkItemWritePlan, _budget?: WriteBudget): Promise<BulkItemCommit> {
    this.itemWrites.push(write);
    const fault = this.itemFaults.get(write.attributionId);
    if (fault instanceof Error) throw fault;
    if (fault === 'contention') return { committed: false, cancellation: 'contention' };
    const current = this.attributions.get(write.attributionId);
    if (!current) return { committed: false, cancellation: 'attribution_missing' };
    if (current.status !== write.expectedStatus) return { committed: false, cancellation: 'attribution_status', status: current.status };
    const claim = this.claims.get(write.attributionId);
    if (heldByOther(claim, write.changes.reviewed_by as string, Date.parse(write.changes.reviewed_at as string)))
      return { committed: false, cancellation: 'claimed', claim };
    this.attributions.set(write.attributionId, { ...current, ...write.changes });
    this.claims.delete(write.attributionId);
    if (write.decidedUnder === undefined) this.decidedUnder.delete(write.attributionId);
    else this.decidedUnder.set(write.attributionId, write.decidedUnder);
    this.meter.usage.push(write.usage);
    return { committed: true };
  }
}

export class FakeIdempotencyClaims implements IdempotencyClaims {
  readonly entries = new Map<
    string,
    { claimId?: string; fingerprint: string; leaseUntil: number; expiresAt: number; record?: IdempotencyRecord }
  >();
  abandoned = 0;
  /** Every abandon asked for, whether or not it held the claim. */
  readonly abandonCalls: (ClaimHolder | undefined)[] = [];

  async claim(input: ClaimHolder & { fingerprint: string; now: Date }): Promise<IdempotencyClaim> {
    const key = `${input.userId}#${input.key}`;
    const seconds = input.now.getTime() / 1000;
    const entry = this.entries.get(key);
    if (entry?.record && entry.record.expires_at > seconds) return { kind: 'completed', record: entry.record };
    if (entry && !entry.record && entry.leaseUntil > seconds) {
      return { kind: 'in_progress', fingerprint: entry.fingerprint, expiresAt: entry.expiresAt };
    }
    this.entries.set(key, {
      claimId: input.claimId,
      fingerprint: input.fingerprint,
      leaseUntil: seconds + 60,
      expiresAt: seconds + IDEMPOTENCY_TTL_SECONDS,
    });
    return { kind: 'claimed' };
  }

  /** Errors the next completions throw, after nothing was stored. */
  readonly failingCompletions: Error[] = [];

  async complete(input: ClaimHolder & { record: IdempotencyRecord }): Promise<void> {
    const failing = this.failingCompletions.shift();
    if (failing) throw failing;
    const key = `${input.userId}#${input.key}`;
    if (this.entries.get(key)?.claimId === input.claimId) {
      this.entries.set(key, {
        fingerprint: input.record.fingerprint,
        leaseUntil: 0,
        expiresAt: input.record.expires_at,
        record: input.record,
      });
    }
  }

  async abandon(input: ClaimHolder): Promise<void> {
    this.abandonCalls.push(input);
    const key = `${input.userId}#${input.key}`;
    const entry = this.entries.get(key);
    if (entry?.claimId === input.claimId && !entry.record) {
      this.entries.delete(key);
      this.abandoned += 1;
    }
  }
}

export class FakeApiKeyStore implements ApiKeyStore {
  readonly records = new Map<string, ApiKeyRecord>();
  lookups = 0;
  failure: Error | undefined;

  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    this.lookups += 1;
    if (this.failure) throw this.failure;
    return this.records.get(keyHash);
  }
}

export class FakeTokenVerifier implements TokenVerifier {
  readonly verdicts = new Map<string, TokenVerdict>();
  failure: Error | undefined;

  async verify(token: string): Promise<TokenVerdict> {
    if (this.failure) throw this.failure;
    return this.verdicts.get(token) ?? { valid: false, reason: 'unknown token' };
  }
}

/** One in-memory world: referrals, idempotency records and metering, sharing their counters. */
/** The queue as claim-next reads it, from the referral store's attributions and claims: one shard, oldest first. */
export class FakeClaimQueue implements ClaimNextStore {
  readonly queueShards = 1;
  readonly tickets = new Map<string, number>();
  /** Ids another caller takes between the read and the claim. */
  readonly takenMeanwhile = new Map<string, string>();
  readonly released: string[] = [];
  /** Ids whose claim is applied and whose answer is then lost, past every resend. */
  readonly lostClaims = new Set<string>();
  /** Fails the next fresh read (the first read of a call is not counted). */
  failingReads = 0;
  private reads = 0;

  constructor(private readonly referrals: FakeReferralStore) {}

  async listShard(query: Parameters<ClaimNextStore['listShard']>[0]): Promise<ShardPage> {
    this.reads += 1;
    if (this.reads > 1 && this.failingReads > 0) {
      this.failingReads -= 1;
      throw new DependencyUnavailable(new Error('throttled'));
    }
    const nowMs = query.claimed?.nowMs ?? 0;
    const entries = [...this.referrals.attributions.values()]
      .filter((attribution) => attribution.status === query.status)
      .filter((attribution) => !query.referrerUserId || attribution.referrer_user_id === query.referrerUserId)
      .filter((attribution) => query.claimed?.filter !== 'none' || !heldByOther(this.referrals.claims.get(attribution.id), '', nowMs))
      .map((attribution) => ({ attribution, position: { order: `${attribution.created_at ?? ''}#${attribution.id}`, id: attribution.id } }))
      .sort((a, b) => a.position.order.localeCompare(b.position.order));
    return { entries: entries.slice(0, query.limit) };
  }

  async takeTicket(window: string, count: number): Promise<number> {
    const asked = this.tickets.get(window) ?? 0;
    this.tickets.set(window, asked + count);
    return asked;
  }

  async claimIfFree(claim: { attributionId: string; caller: string; nowMs: number; untilMs: number }): Promise<Attribution | undefined> {
    const thief = this.takenMeanwhile.get(claim.attributionId);
    if (thief) this.referrals.claims.set(claim.attributionId, { by: thief, untilMs: claim.untilMs });
    const current = this.referrals.attributions.get(claim.attributionId);
    if (current?.status !== 'review_required' || heldByOther(this.referrals.claims.get(claim.attributionId), claim.caller, claim.nowMs))
      return undefined;
    this.referrals.claims.set(claim.attributionId, { by: claim.caller, untilMs: claim.untilMs });
    if (this.lostClaims.has(claim.attributionId)) throw new WriteOutcomeUnknown(new Error('answer lost'));
    return current;
  }

  async releaseIfHeld(claim: { attributionId: string; caller: string }): Promise<void> {
    if (this.referrals.claims.get(claim.attributionId)?.by !== claim.caller) return;
    this.referrals.claims.delete(claim.attributionId);
    this.released.push(claim.attributionId);
  }
}

export const fakeWorld = () => {
  const meter = new FakeMeterStore();
  const idempotency = new FakeIdempotencyStore();
  const referrals = new FakeReferralStore(meter, idempotency);
  return { meter, idempotency, referrals };
};

/** A bus that records what it was given and fails the entries or requests it is told to. */
export class FakePublisher implements EventPublisher {
  readonly requests: DomainEvent[][] = [];
  readonly published: DomainEvent[] = [];
  /**
   * Per request, in turn: indexes of the entries to fail (throttled), the error code of each entry to fail, or
   * 'throw' to fail the whole request.
   */
  readonly script: (number[] | Record<number, string> | 'throw')[] = [];

  async publish(events: DomainEvent[]): Promise<PublishOutcome[]> {
    this.requests.push(events);
    const step = this.script.shift();
    if (step === 'throw') throw Object.assign(new Error('injected'), { name: 'InternalException' });
    const codes: Record<number, string> = Array.isArray(step)
      ? Object.fromEntries(step.map((index) => [index, 'ThrottlingException']))
      : (step ?? {});
    return events.map((event, index) => {
      const code = codes[index];
      if (code) return { published: false, code };
      this.published.push(event);
      return { published: true };
    });
  }
}

export class FakeDeadLetters implements DeadLetters {
  readonly letters: DeadLetter[] = [];
  failure: Error | undefined;

  async send(letter: DeadLetter): Promise<void> {
    if (this.failure) throw this.failure;
    // As SQS refuses a message over the queue's maximum size.
    if (Buffer.byteLength(JSON.stringify(letter)) > MAX_DEAD_LETTER_BYTES) throw new Error('message too long');
    this.letters.push(letter);
  }
}

/** A write budget that never runs out in a unit test, and a log that keeps what it was told. */
export const quietLog = { warn: (_message: string, _attributes: Record<string, unknown>) => undefined };
export const ampleBudget = (log: WarnLog = quietLog): WriteBudget => ({ deadline: Date.now() + 60_000, log });
