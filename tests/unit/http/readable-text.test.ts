import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { codePointLength, readableText, trimInvisible } from '../../../functions/http/readable-text.js';

const note = readableText('note', 5, 'A note');
const messagesFor = (input: unknown) => v.safeParse(note, input).issues?.map((issue) => issue.message) ?? [];

describe('readable text', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['BEL', 'a\u0007'],
    ['ESC (a terminal colour)', '\u001b[31m'],
    ['a line feed', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['a tab', 'a\tb'],
    ['DEL', 'a\u007f'],
    ['a C1 control (NEL)', 'a\u0085'],
    ['the last C1 control', 'a\u009f'],
  ])('refuses %s, naming the field', (_name, text) => {
    expect(messagesFor(text)).toEqual(['note must not contain control characters (U+0000-U+001F, U+007F-U+009F)']);
  });

  it.each([
    ['a left-to-right embedding', '\u202a'],
    ['a right-to-left override', 'a\u202eb'],
    ['a left-to-right isolate', '\u2066a'],
    ['a pop directional isolate', 'a\u2069'],
  ])('refuses %s', (_name, text) => {
    expect(messagesFor(text)).toEqual(['note must not contain bidirectional overrides or isolates (U+202A-U+202E, U+2066-U+2069)']);
  });

  it.each([
    ['a lone high surrogate', 'a\ud800'],
    ['a lone low surrogate', '\udc00b'],
  ])('refuses %s', (_name, text) => {
    expect(messagesFor(text)).toEqual(['note must be well-formed Unicode text, without unpaired surrogates']);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only a zero-width space', '\u200b'],
    ['only joiners and a BOM', '\u200c\u200d\u2060\ufeff'],
    ['white space and invisible characters mixed', ' \u200b \u00a0\u3000'],
  ])('calls %s blank', (_name, text) => {
    expect(messagesFor(text)).toEqual(['note must not be blank']);
  });

  it('counts code points: an emoji outside the BMP counts once', () => {
    expect(v.parse(note, '😀😀😀😀😀')).toBe('😀😀😀😀😀');
    expect(messagesFor('😀😀😀😀😀😀')).toEqual(['note must be at most 5 characters (Unicode code points)']);
    expect(v.parse(note, 'abcde')).toBe('abcde');
    expect(messagesFor('abcdef')).toEqual(['note must be at most 5 characters (Unicode code points)']);
  });

  it('trims white space and invisible characters from both ends before counting, and keeps joiners inside', () => {
    expect(v.parse(note, ' \u200b\ufeffabcde\u200d \u2060')).toBe('abcde');
    expect(v.parse(note, '👩\u200d💻')).toBe('👩\u200d💻');
    expect(v.parse(note, 'a b')).toBe('a b');
  });

  it('names the field when the value is no string', () => {
    expect(messagesFor(5)).toEqual(['note must be a string']);
  });

  it('counts code points as the spread operator does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(codePointLength(text)).toBe([...text].length);
      }),
    );
    expect(codePointLength('')).toBe(0);
  });

  it('accepts every text of visible characters, trimmed, and refuses every text holding a control character', () => {
    const visible = fc.string({ unit: fc.constantFrom('a', 'é', '中', '😀', ' ', '-'), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(visible, (text) => {
        const trimmed = trimInvisible(text);
        const result = v.safeParse(note, text);
        expect(result.success).toBe(trimmed.length > 0);
        if (result.success) expect(result.output).toBe(trimmed);
      }),
    );
    fc.assert(
      fc.property(visible, fc.integer({ min: 0, max: 0x9f }), (text, code) => {
        fc.pre(code < 0x20 || code >= 0x7f);
        expect(v.safeParse(note, `${text}${String.fromCharCode(code)}${text}`).success).toBe(false);
      }),
    );
  });
});
