// `npm run openapi`: writes openapi.json from the routes' contracts and schemas.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderOpenApiDocument } from '../lib/openapi.js';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
writeFileSync(path.join(root, 'openapi.json'), renderOpenApiDocument(version));
console.log('Wrote openapi.json');
