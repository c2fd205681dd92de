// `npm run openapi`: writes openapi.json from the routes' contracts and schemas, and the types a consumer generates from it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONSUMER_TYPES_FILE, generateConsumerTypes } from '../lib/consumer-types.js';
import { renderOpenApiDocument } from './openapi/document.js';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const document = renderOpenApiDocument(version);
writeFileSync(path.join(root, 'openapi.json'), document);
writeFileSync(path.join(root, CONSUMER_TYPES_FILE), await generateConsumerTypes(document));
console.log(`Wrote openapi.json and ${CONSUMER_TYPES_FILE}`);
