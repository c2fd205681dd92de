// A note on a referral, as stored and returned: who wrote it, when, and what; the longest one.
import * as v from 'valibot';

/** The longest note, in code points, under the same readable-text rules as a reason. */
export const MAX_NOTE_CHARS = 2_000;

export const NoteSchema = v.object({
  note_id: v.pipe(v.string(), v.metadata({ description: 'The note, named by the server' })),
  by: v.pipe(v.string(), v.metadata({ description: 'Who wrote it: the user id a decision records as reviewed_by' })),
  at: v.pipe(v.string(), v.isoTimestamp(), v.metadata({ description: 'When it was written (ISO 8601), by the server' })),
  text: v.string(),
});
export type Note = v.InferOutput<typeof NoteSchema>;
