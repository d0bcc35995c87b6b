import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseDocument } from 'yaml';
import { readBodyText } from '../common/request-body-parsers';
import { CampaignErrors } from './campaign.errors';

/** Content types a plan may be sent as besides JSON. */
export const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml'];
export const PLAN_MAX_BYTES = 1024 * 1024;

/**
 * Reads a YAML request body as text, at most PLAN_MAX_BYTES (413 PLAN_TOO_LARGE beyond), so a plan
 * can be posted as YAML; the routes that take a plan parse it (`planDocument`), every other route
 * refuses the type with 415 (`BadInputCheck`).
 */
export function useYamlPlanParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(YAML_TYPES, (request: FastifyRequest, payload: IncomingMessage) =>
    readBodyText(request, payload, PLAN_MAX_BYTES, () => CampaignErrors.error('PLAN_TOO_LARGE')),
  );
}

/**
 * The plan document of a request: a JSON body as it is, a YAML body parsed (YAML 1.2, so dates stay
 * strings). A YAML syntax error is refused naming its line and column.
 */
export function planDocument(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const document = parseDocument(body);
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const at = error.linePos?.[0];
      const where = at ? `第 ${at.line} 行第 ${at.col} 列` : '';
      return {
        path: '',
        line: at?.line ?? null,
        column: at?.col ?? null,
        problem: `YAML 格式有误${where ? `（${where}）` : ''}：${error.message.split('\n')[0]}`,
      };
    });
    throw CampaignErrors.error('YAML_INVALID', problems[0].problem, problems);
  }
  return document.toJS({ maxAliasCount: 100 });
}
