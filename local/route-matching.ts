// Finds the route a request's method and path select, as API Gateway picks a REST resource and then its method.
import { apiRoutes, type RouteName } from '../functions/http/routes/index.js';

export type RouteMatch = { name: RouteName; resource: string; pathParameters: Record<string, string> | null };

/** The template's path parameters and their values when it matches the path, else undefined. */
const matchTemplate = (template: string, path: string): Record<string, string> | undefined => {
  const segments = path.replace(/\/$/, '').split('/');
  const parts = template.split('/');
  if (parts.length !== segments.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string;
    const parameter = /^\{(.+)\}$/.exec(part)?.[1];
    if (parameter) {
      if (segment === '') return undefined;
      // A REST API hands path parameters over as sent, not percent-decoded (unlike an HTTP API, which decodes:
      // http-api-develop-routes.html). Not documented for REST APIs; recorded against AWS in LocalStack's
      // tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json (test_lambda_aws_proxy_integration keeps
      // %2B), and reported in aws/aws-sam-cli#3524 and #771 and dherault/serverless-offline#265.
      parameters[parameter] = segment;
    } else if (part !== segment) return undefined;
  }
  return parameters;
};

/**
 * Orders templates as API Gateway picks a resource: at the first segment where they differ, a fixed one beats a variable.
 * AWS documents "most-specific match" routing for HTTP APIs (http-api-develop-routes.html); for REST resources the
 * same precedence is assumed, not documented.
 */
const moreSpecific = (a: string, b: string): number => {
  const [left, right] = [a.split('/'), b.split('/')];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const [x, y] = [left[index]?.startsWith('{'), right[index]?.startsWith('{')];
    if (x !== y) return x ? 1 : -1;
  }
  return 0;
};

/**
 * Finds the resource first, then the method on it: a path that matches a fixed resource never falls through to a
 * variable one (`GET /referrals/reject` is a missing method on `/referrals/reject`, not `/referrals/{id}`).
 */
export const matchRoute = (method: string, path: string): RouteMatch | undefined => {
  const resources = [...new Set(apiRoutes.map((route) => route.path))]
    .filter((template) => matchTemplate(template, path))
    .sort(moreSpecific);
  const resource = resources[0];
  if (!resource) return undefined;
  const found = apiRoutes.find((route) => route.path === resource && route.method === method);
  if (!found) return undefined;
  const parameters = matchTemplate(resource, path) ?? {};
  return { name: found.name, resource, pathParameters: Object.keys(parameters).length ? parameters : null };
};
