// Lambda's event filtering, as npm start's stream poller applies it: the rules the mappings' filters use (a value,
// prefix, anything-but, exists), each key a condition (AND), each leaf's rules alternatives (OR), and a record kept
// when any filter matches it. https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
// A DynamoDB event source mapping filters on the record's `dynamodb` key only, so a pattern naming any other key
// (eventName, eventSource…) is refused here rather than applied as AWS may not:
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
import type { FilterPattern, FilterRule } from '../functions/adapters/stream-filters.js';

/** A filter a DynamoDB event source mapping does not support. */
export class UnsupportedStreamFilter extends Error {
  override name = 'UnsupportedStreamFilter';
}

const matchesRule = (value: unknown, rule: FilterRule): boolean => {
  if (typeof rule === 'string') return value === rule;
  // "exists" matches a leaf that is present (true) or absent (false).
  if ('exists' in rule) return rule.exists === (value !== undefined && typeof value !== 'object');
  if (typeof value !== 'string') return false;
  if ('prefix' in rule) return value.startsWith(rule.prefix);
  return !rule['anything-but'].includes(value);
};

const matchesPattern = (value: unknown, pattern: FilterPattern): boolean =>
  Object.entries(pattern).every(([key, expected]) => {
    const field = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return Array.isArray(expected) ? expected.some((rule) => matchesRule(field, rule)) : matchesPattern(field, expected);
  });

/** Throws UnsupportedStreamFilter for a pattern with a key other than `dynamodb`. */
export const assertStreamFilters = (filters: FilterPattern[]): void => {
  for (const filter of filters) {
    const others = Object.keys(filter).filter((key) => key !== 'dynamodb');
    if (others.length > 0)
      throw new UnsupportedStreamFilter(`a DynamoDB event source mapping filters on the dynamodb key only, not on ${others.join(', ')}`);
  }
};

/** Whether a stream record passes a mapping's filters: any one of them. */
export const passesFilters = (record: unknown, filters: FilterPattern[]): boolean => {
  assertStreamFilters(filters);
  return filters.some((filter) => matchesPattern(record, filter));
};
