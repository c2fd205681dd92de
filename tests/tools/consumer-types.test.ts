import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSUMER_TYPES_FILE, generateConsumerTypes } from '../../lib/consumer-types.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the types a consumer generates from openapi.json', () => {
  it('are what `npm run openapi` keeps, and the typed client compiles against them, freshly generated', async () => {
    const generated = await generateConsumerTypes(readFileSync(path.join(root, 'openapi.json'), 'utf8'));
    expect(generated).toBe(readFileSync(path.join(root, CONSUMER_TYPES_FILE), 'utf8'));

    // The client in a directory of its own, beside types generated just now, compiled as a consumer's project would.
    const dir = mkdtempSync(path.join(tmpdir(), 'consumer-'));
    writeFileSync(path.join(dir, 'openapi.d.ts'), generated);
    copyFileSync(path.join(root, 'tests/consumer/client.ts'), path.join(dir, 'client.ts'));
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2024',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2024', 'DOM'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [path.join(root, 'node_modules/@types')],
          types: ['node'],
          baseUrl: dir,
          paths: { 'openapi-fetch': [path.join(root, 'node_modules/openapi-fetch')] },
        },
        files: ['client.ts'],
      }),
    );
    const tsc = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);
});
