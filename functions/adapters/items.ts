// Stored items carry their table keys; the domain sees records without them.
export const withoutKeys = (item: Record<string, unknown>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, ...fields } = item;
  return fields;
};
