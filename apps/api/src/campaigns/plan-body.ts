import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { parseDocument } from 'yaml';
import { CampaignErrors } from './campaign.errors';

/** Content types a plan may be sent as besides JSON. */
export const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml'];
export const PLAN_MAX_BYTES = 1024 * 1024;

const isYaml = (contentType: string | undefined) =>
  contentType !== undefined && YAML_TYPES.includes(contentType.split(';')[0].trim().toLowerCase());

/**
 * Reads a YAML request body as text (Nest's body parsers handle JSON and forms only), so a plan
 * can be posted as YAML; other requests pass untouched.
 */
@Injectable()
export class YamlTextBody implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    if (!isYaml(request.headers['content-type'])) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PLAN_MAX_BYTES && !failed) {
        failed = true;
        next(CampaignErrors.error('PLAN_TOO_LARGE'));
      } else if (!failed) chunks.push(chunk);
    });
    request.on('end', () => {
      if (failed) return;
      request.body = Buffer.concat(chunks).toString('utf8');
      next();
    });
    request.on('error', (error) => {
      if (!failed) next(error);
    });
  }
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
