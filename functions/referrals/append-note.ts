// Notes on a referral: what one reviewer leaves for the next, on a referral of any status. A note is appended, never
// edited or deleted; each is its own item, so two written at once are both kept.
import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
import { chargeSuccess } from '../billing/charge.js';
import type { PlanTable } from '../billing/plans.js';
import type { Price } from '../billing/usage-record.js';
import type { IdempotencyStore } from '../idempotency/ports.js';
import { buildIdempotencyRecord, fingerprintOf, isLive, replayStoredResult, type SuccessResult } from '../idempotency/record.js';
import type { WriteBudget } from '../shared/write-budget.js';
import { answerCancellation } from './cancellation.js';
import type { Note } from './note-record.js';
import type { NoteStore } from './ports.js';

export type NoteRequest = { attributionId: string; text: string; idempotencyKey?: string };

export type NoteDeps = { notes: NoteStore; idempotency: IdempotencyStore; plans: PlanTable; now: () => Date };

export type NoteCall = {
  request: NoteRequest;
  price: Price;
  principal: Principal;
  requestId: string;
  admission: Promise<Admission>;
  budget: WriteBudget;
};

export type NoteResult = SuccessResult<Note> & { replayed: boolean; creditsCharged: number };

/** A note id: random, so that no two notes of one instant collide; its time leads its sort key. */
const newNoteId = () => `note_${randomBytes(8).toString('hex')}`;

/**
 * Appends a note: one parallel round (the admission and, with a key, its record), then one transaction holding the
 * note (only on a referral that exists), its charge and its idempotency record.
 */
export const addNote = async (deps: NoteDeps, call: NoteCall): Promise<NoteResult> => {
  const { request, principal, requestId } = call;
  const key = request.idempotencyKey;
  const now = deps.now();
  const fingerprint = fingerprintOf(['note', request.attributionId, request.text]);
  const replay = (record: Parameters<typeof replayStoredResult>[0]): NoteResult => ({
    ...replayStoredResult<Note>(record, fingerprint),
    replayed: true,
    creditsCharged: 0,
  });
  const [admission, stored] = await Promise.all([
    call.admission,
    key === undefined ? undefined : deps.idempotency.read(principal.userId, key),
  ]);
  if (isLive(stored, now)) return replay(stored);
  const note: Note = { note_id: newNoteId(), by: principal.userId, at: now.toISOString(), text: request.text };
  const success: SuccessResult<Note> = { requestId, data: note };
  const chargeRequest = { principal, plan: deps.plans[principal.plan], requestId, price: call.price, now };
  return chargeSuccess(chargeRequest, admission.usedThisMonth, async (charge) => {
    const commit = await deps.notes.commitNote(
      {
        attributionId: request.attributionId,
        note,
        charge,
        ...(key === undefined ? {} : { idempotency: buildIdempotencyRecord(key, fingerprint, success, now) }),
      },
      call.budget,
    );
    if (commit.committed) return { ok: true, value: { ...success, replayed: false, creditsCharged: call.price.credits } };
    // A note expects no status: any status is noted.
    return answerCancellation(commit.cancellation, {
      attributionId: request.attributionId,
      expectedStatus: 'any',
      keyed: key !== undefined,
      replay,
    });
  });
};
