// The TypeScript types a consumer generates from openapi.json with openapi-typescript, as the project keeps them
// (tests/consumer/openapi.d.ts): the typed client in tests/consumer compiles against them.
import openapiTS, { astToString } from 'openapi-typescript';

export const CONSUMER_TYPES_FILE = 'tests/consumer/openapi.d.ts';

export const generateConsumerTypes = async (document: string): Promise<string> =>
  `// Generated from openapi.json by openapi-typescript (npm run openapi); do not edit.\n${astToString(await openapiTS(JSON.parse(document)))}`;
