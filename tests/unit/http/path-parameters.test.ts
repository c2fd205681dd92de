import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { percentDecoded } from '../../../functions/http/path-parameters.js';

describe('a path parameter as a REST API hands it over', () => {
  const schema = percentDecoded('id');

  it('is percent-decoded once', () => {
    expect(v.parse(schema, '%61ttr-1')).toBe('attr-1');
    expect(v.parse(schema, '%2561')).toBe('%61');
    expect(v.parse(schema, 'plain')).toBe('plain');
  });

  it.each(['%ZZ', 'attr%', '%C3%28', '%E2%82'])('refuses %s, a malformed escape, naming the parameter', (raw) => {
    const result = v.safeParse(schema, raw);
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => issue.message)).toEqual(['path parameter id is not valid percent-encoding']);
  });

  it('refuses a value that is no string', () => {
    expect(v.safeParse(schema, 42).issues?.map((issue) => issue.message)).toEqual(['path parameter id must be a string']);
  });
});
