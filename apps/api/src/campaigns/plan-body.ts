import type { IncomingMessage } from 'node:http';
import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseDocument } from 'yaml';
import { BODY_LIMIT_BYTES, readBodyText } from '../common/request-body-parsers';
import { CampaignErrors } from './campaign.errors';

/** Content types a plan may be sent as besides JSON. */
export const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml'];
export const PLAN_MAX_BYTES = 1024 * 1024;

/** Set on the routes that take a plan in YAML (`PlanConsumes`), read by the YAML parser. */
const READS_YAML_PLAN = 'readsYamlPlan';

/** A route that takes a plan as JSON or YAML: declared in the OpenAPI document and to the parser. */
export const PlanConsumes = () =>
  applyDecorators(ApiConsumes('application/json', ...YAML_TYPES), RouteConfig({ [READS_YAML_PLAN]: true }));

/**
 * Reads a YAML request body as text on the routes that take a plan (`PlanConsumes`), at most
 * PLAN_MAX_BYTES (413 PLAN_TOO_LARGE beyond). Anywhere else the body is read and dropped like any
 * type no route takes, and `BadInputCheck` answers 415.
 */
export function useYamlPlanParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(YAML_TYPES, async (request: FastifyRequest, payload: IncomingMessage) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[READS_YAML_PLAN] !== true) {
      await readBodyText(request, payload, BODY_LIMIT_BYTES);
      return undefined;
    }
    return readBodyText(request, payload, PLAN_MAX_BYTES, () => CampaignErrors.error('PLAN_TOO_LARGE'));
  });
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
