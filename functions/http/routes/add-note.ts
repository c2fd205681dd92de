// POST …/referrals/{id}/notes: append a note to a referral of any status. Its request, price, function and contract.
import * as v from 'valibot';
import type { NoteRequest } from '../../referrals/append-note.js';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import { MAX_NOTE_CHARS, NoteSchema } from '../../referrals/note-record.js';
import { MAX_BODY_BYTES } from '../body-limit.js';
import { AttributionPathIdSchema } from '../path-parameters.js';
import { readableText } from '../readable-text.js';
import { IdempotencyKeySchema, SentOnceSchema } from '../request-fields.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { isJsonObject, WRITE_ERRORS } from './common.js';

const BODY_SHAPE = 'body must be a JSON object whose only field is text';

/** The body's shape, as documented (`referrals.adminReferralNoteRequestDoc`). */
export const NoteBodySchema = v.strictObject({ text: readableText('text', MAX_NOTE_CHARS, 'The note') }, BODY_SHAPE);

const NoteRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
  body: v.pipe(v.custom<Record<string, unknown>>(isJsonObject, BODY_SHAPE), NoteBodySchema),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export const addNoteRoute = {
  name: 'addReferralNote' as const,
  method: 'POST',
  path: `${ADMIN_API}/referrals/{id}/notes`,
  permission: 'referrals:note',
  credits: 1,
  chargedBy: 'use_case',
  successStatus: 201,
  successMetric: 'Notes',
  bodyMaxBytes: MAX_BODY_BYTES,
  request: NoteRequestSchema,
  toInput: (parsed): NoteRequest => ({
    attributionId: parsed.pathParameters.id,
    text: parsed.body.text,
    ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
  }),
} satisfies Route<typeof NoteRequestSchema, NoteRequest>;

/** Its Lambda function: the note's put beside the referral's check, and the charge. */
export const addNoteFunction: RouteFunction = {
  id: 'AddReferralNoteFunction',
  entry: 'functions/handlers/add-note/handler.ts',
  grants: {
    referrals: ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
    usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const addNoteContract: RouteContract = {
  operationId: 'addReferralNote',
  summary: 'Add a note to a referral',
  description:
    'Appends a note on a referral of any status, for the next reviewer. `by` and `at` are set by the server; a note is never ' +
    'edited or deleted, and notes written at once are all kept. The referral read (GET) returns its notes oldest first. ' +
    'The note, its usage record and its idempotency record are one DynamoDB transaction.',
  pathParameters: { id: AttributionIdSchema },
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: {
    component: 'referrals.adminReferralNoteRequestDoc',
    schema: NoteBodySchema,
    required: true,
    example: { text: 'Same card as attr-7; asked the payments team' },
  },
  success: {
    status: 201,
    component: 'referrals.adminReferralNoteResponseDoc',
    schema: NoteSchema,
    description: 'The note, as stored',
    example: {
      note_id: 'note_0f1e2d3c4b5a6978',
      by: 'admin-user',
      at: '2026-11-27T10:00:00.000Z',
      text: 'Same card as attr-7; asked the payments team',
    },
    idempotent: true,
  },
  errors: [...WRITE_ERRORS, 'not_found'],
};
