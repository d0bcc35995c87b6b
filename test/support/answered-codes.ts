import * as fs from 'node:fs';
import * as path from 'node:path';

interface Answered {
  method: string;
  route: string;
  status: number;
  code: string;
}

type Operations = Record<string, Record<string, { responses?: Record<string, unknown> }>>;

/** `/api/households/:id/steps` as the OpenAPI document writes it: `/api/households/{id}/steps`. */
const openApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}');

/** The codes a response of the document lists (its `code` enum). */
function codesOf(response: unknown): string[] {
  const schema = (response as { content?: Record<string, { schema?: { allOf?: unknown[] } }> } | undefined)
    ?.content?.['application/json']?.schema;
  const parts = (schema?.allOf ?? []) as Array<{ properties?: { code?: { enum?: string[] } } }>;
  return parts.flatMap((part) => part.properties?.code?.enum ?? []);
}

/**
 * The error codes the API answered during the test run (`ERROR_CODES_ANSWERED_LOG`) that the
 * OpenAPI document does not list on the route and status that answered them.
 */
export function undeclaredAnsweredCodes(logFile: string, documentFile: string): string[] {
  if (!fs.existsSync(logFile)) return [];
  const paths = (JSON.parse(fs.readFileSync(documentFile, 'utf8')) as { paths: Operations }).paths;
  const undeclared = new Set<string>();
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line) continue;
    const answered = JSON.parse(line) as Answered;
    if (answered.status >= 500 && answered.code === 'INTERNAL_ERROR') continue; // a 500 is never declared
    const operation = paths[openApiPath(answered.route)]?.[answered.method];
    if (!operation) continue; // a route outside the document (the console's files, the docs themselves)
    if (!codesOf(operation.responses?.[String(answered.status)]).includes(answered.code))
      undeclared.add(
        `${answered.method.toUpperCase()} ${openApiPath(answered.route)} ${answered.status} ${answered.code}`,
      );
  }
  return [...undeclared].sort();
}

export const OPENAPI_DOCUMENT = path.join(__dirname, '..', '..', 'apps', 'web', 'src', 'api', 'openapi.json');
