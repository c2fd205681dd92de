// Holds every response the tests receive to openapi.json: the body to the schema of its route and status, and the required headers.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Document = {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject>; headers: Record<string, { required?: boolean }> };
};
type ResponseObject = { headers?: Record<string, { $ref?: string; required?: boolean }>; content: Record<string, { schema: unknown }> };

const file = path.resolve(import.meta.dirname, '../../openapi.json');
const document = JSON.parse(readFileSync(file, 'utf8')) as Document;

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** The documented path template a concrete path matches, a fixed segment winning over a variable one, as API Gateway picks. */
const templateOf = (requestPath: string): string | undefined =>
  Object.keys(document.paths)
    .filter((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`).test(requestPath))
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];

export type ObservedResponse = { method: string; path: string; status: number; headers: Record<string, string | undefined>; body: string };

/** Throws, naming the route and status, when a response is not what the document says. */
export const assertConformsToDocument = (response: ObservedResponse): void => {
  const template = templateOf(response.path.split('?')[0] as string);
  const operation = template ? document.paths[template]?.[response.method.toLowerCase()] : undefined;
  const status = String(response.status);
  const described = operation ? operation.responses[status] : document.components.responses.RouteNotFound;
  const where = operation
    ? `${response.method} ${template} ${status}`
    : `unknown route ${response.method} ${response.path} (RouteNotFound)`;
  if (!described) throw new Error(`openapi.json does not describe ${where}`);
  const schemaRef = operation
    ? `openapi.json#/${pointer('paths', template as string, response.method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema')}`
    : `openapi.json#/${pointer('components', 'responses', 'RouteNotFound', 'content', 'application/json', 'schema')}`;
  if (!operation && response.status !== 404) throw new Error(`unexpected ${status} for ${where}`);
  const validate = ajv.getSchema(schemaRef) ?? ajv.compile({ $ref: schemaRef });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new Error(`${where}: the body is not JSON: ${response.body.slice(0, 200)}`);
  }
  if (!validate(body))
    throw new Error(`${where}: the body does not match openapi.json: ${ajv.errorsText(validate.errors)}\n${response.body.slice(0, 500)}`);
  const lowerCased = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]));
  for (const [name, header] of Object.entries(described.headers ?? {})) {
    // A header is a reference to a component, or described in place.
    const definition = header.$ref ? document.components.headers[header.$ref.split('/').pop() as string] : header;
    if (definition?.required && lowerCased[name.toLowerCase()] === undefined)
      throw new Error(`${where}: the required header ${name} is missing`);
  }
  // With CONFORMANCE_LOG set, each checked response is counted (one line per response).
  if (process.env.CONFORMANCE_LOG) appendFileSync(process.env.CONFORMANCE_LOG, `${where}\n`);
};
