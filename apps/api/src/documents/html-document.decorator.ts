import { applyDecorators, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { DOCUMENT_HTML_CSP } from './document-html';

/**
 * A route that answers a printable document (document-html.ts): HTML in UTF-8 under a policy
 * that allows no script and no external resource, not sniffed as anything else.
 */
export function HtmlDocument(): MethodDecorator {
  return applyDecorators(
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header('Content-Security-Policy', DOCUMENT_HTML_CSP),
    Header('X-Content-Type-Options', 'nosniff'),
    ApiProduces('text/html'),
    ApiOkResponse({ schema: { type: 'string' } }),
  );
}
