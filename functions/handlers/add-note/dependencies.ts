// Production wiring of the note function: the decisions' connection, with the note store.
import type { DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createIdempotencyStore } from '../../adapters/idempotency-store.js';
import { createNoteStore } from '../../adapters/referral-notes.js';
import type { MeterDeps } from '../../billing/admission.js';
import type { NoteDeps } from '../../referrals/append-note.js';
import { connect } from '../review/dependencies.js';

export type NoteHandlerDeps = NoteDeps & MeterDeps;

export const createNoteDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): NoteHandlerDeps => {
  const { db, tables, metered } = connect(env, client);
  return { ...metered, notes: createNoteStore(db, tables), idempotency: createIdempotencyStore(db, tables) };
};
