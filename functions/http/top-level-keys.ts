// Counts the keys of a JSON object text's top level as written, so a duplicated key (which JSON.parse silently collapses) can be refused.
export const countTopLevelKeys = (text: string): number => {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let keys = 0;
  let expectingKey = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      if (depth === 1 && expectingKey) {
        keys += 1;
        expectingKey = false;
      }
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth === 1 && char === '{') expectingKey = true;
    } else if (char === '}' || char === ']') {
      depth -= 1;
    } else if (char === ',' && depth === 1) {
      expectingKey = true;
    }
  }
  return keys;
};
