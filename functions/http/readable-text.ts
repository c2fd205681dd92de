// The rules for free text a person will read later (a reviewer's screen, logs, events): one line of visible,
// well-formed Unicode. Every free-text field of every route takes its schema from here.
import * as v from 'valibot';

/** Unicode's Cc: C0 controls (which include tab, CR and LF), DEL and C1 controls. They move a terminal's cursor or colour it. */
const CONTROL = /\p{Cc}/u;
/** Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they reorder what a reader sees. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** White space and the characters that show nothing: zero-width space, non-joiner, joiner, word joiner, BOM. */
const INVISIBLE_EDGES = /^[\s\u180e\u200b-\u200d\u2060\ufeff]+|[\s\u180e\u200b-\u200d\u2060\ufeff]+$/gu;

/** Length as documented: Unicode code points, so an emoji outside the BMP counts once, not as two UTF-16 units. */
export const codePointLength = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/** Trims white space and invisible characters from both ends. */
export const trimInvisible = (text: string): string => text.replace(INVISIBLE_EDGES, '');

/** The trim as its own transformation type: the OpenAPI document ignores it as it does valibot's `trim`. */
const trimsInvisible = { ...v.transform(trimInvisible), type: 'trim_invisible' as const };

/**
 * A length limit in code points. JSON Schema's `maxLength` counts the same way (characters as RFC 8259 defines them),
 * so the OpenAPI document states it as `maxLength`, with the rules (`tools/openapi/schemas.ts` reads `maxCodePoints`).
 */
const maxCodePoints = (max: number, message: string) => ({
  ...v.check<string, string>((text) => codePointLength(text) <= max, message),
  type: 'max_code_points' as const,
  maxCodePoints: max,
});

/** The rules, as the OpenAPI document states them beside each field (`tools/openapi/schemas.ts`); never bundled with a function. */
export const readableTextRules = (max: number): string =>
  `1-${max} characters (Unicode code points) once white space and invisible characters (zero-width spaces and ` +
  'joiners, BOM) are trimmed from both ends; control characters (U+0000-U+001F, U+007F-U+009F, including tab and ' +
  'line breaks), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates are ' +
  'refused with 400';

/**
 * A field of readable text: 1 to `max` code points once trimmed, with no control, bidirectional or unpaired characters.
 * The length check comes last, after the description: the document appends the rules to it there.
 */
export const readableText = (field: string, max: number, description: string) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.check((text) => text.isWellFormed(), `${field} must be well-formed Unicode text, without unpaired surrogates`),
    v.check((text) => !CONTROL.test(text), `${field} must not contain control characters (U+0000-U+001F, U+007F-U+009F)`),
    v.check(
      (text) => !BIDI_CONTROL.test(text),
      `${field} must not contain bidirectional overrides or isolates (U+202A-U+202E, U+2066-U+2069)`,
    ),
    trimsInvisible,
    v.minLength(1, `${field} must not be blank`),
    v.metadata({ description }),
    maxCodePoints(max, `${field} must be at most ${max} characters (Unicode code points)`),
  );
