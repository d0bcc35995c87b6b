import type { OpenAPIObject } from '@nestjs/swagger';
import { NotFoundException } from '@nestjs/common';
import { declareErrors } from './error-catalogue';
import { addErrorResponses } from './error-responses';

describe('error catalogues', () => {
  const Errors = declareErrors('spec-area', {
    SPEC_THING_NOT_FOUND: { status: 404, message: '事项不存在' },
    SPEC_THING_CLOSED: { status: 409, message: '事项已销号' },
  });

  it('raises a declared code with its status and Chinese message, or one that says more', () => {
    const plain = Errors.error('SPEC_THING_NOT_FOUND');
    expect(plain).toBeInstanceOf(NotFoundException);
    expect(plain.getStatus()).toBe(404);
    expect(plain.getResponse()).toEqual({ code: 'SPEC_THING_NOT_FOUND', message: '事项不存在' });
    const specific = Errors.error('SPEC_THING_CLOSED', '事项 A-1 已销号', { itemId: 'A-1' });
    expect(specific.getResponse()).toEqual({
      code: 'SPEC_THING_CLOSED',
      message: '事项 A-1 已销号',
      details: { itemId: 'A-1' },
    });
    expect(Errors.codes.SPEC_THING_CLOSED).toBe('SPEC_THING_CLOSED');
  });

  it('refuses one code declared twice with another answer', () => {
    expect(() =>
      declareErrors('other-area', { SPEC_THING_CLOSED: { status: 400, message: '别的' } }),
    ).toThrow(/SPEC_THING_CLOSED of other-area is already declared by spec-area/);
  });

  it('lists per route and status the codes it answers, with the ones every route may answer', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/api/things/{id}': {
          post: {
            parameters: [{ name: 'id', in: 'path' }],
            requestBody: {},
            responses: { '201': { description: '' } },
            'x-error-codes-route': Errors.pick('SPEC_THING_NOT_FOUND', 'SPEC_THING_CLOSED'),
          },
          get: { responses: { '200': { description: '' } } },
        },
      },
    } as unknown as OpenAPIObject;
    const paths = addErrorResponses(document).paths['/api/things/{id}'] as Record<
      string,
      Record<string, unknown> & { responses: Record<string, { description: string; content: unknown }> }
    >;
    const post = paths.post;
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '404', '409', '413', '415', '503']);
    expect(post.responses['404'].description).toBe('SPEC_THING_NOT_FOUND：事项不存在');
    expect(JSON.stringify(post.responses['409'].content)).toContain('"enum":["SPEC_THING_CLOSED"]');
    expect(post.responses['400'].description).toContain('VALIDATION_FAILED');
    expect(post['x-error-codes-route']).toBeUndefined();
    // a route without input cannot answer bad input
    expect(Object.keys(paths.get.responses).sort()).toEqual(['200', '503']);
  });
});
