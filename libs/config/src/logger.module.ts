import { randomUUID } from 'node:crypto';
import { DynamicModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from './environment';
import { pinoOptions } from './logging';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * JSON logs through pino for a process (`api` or `worker`). Over HTTP each line carries the
 * request id: the caller's X-Request-Id when it sends a sane one, else a new one, echoed back.
 */
export function structuredLogging(processName: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [Environment],
    useFactory: (env: Environment) => ({
      forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
      pinoHttp: {
        ...pinoOptions(env, processName),
        genReqId: (req, res) => {
          const given = req.headers['x-request-id'];
          const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        customAttributeKeys: { reqId: 'requestId' },
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: req.url,
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
        autoLogging: { ignore: (req) => req.url === '/api/health' },
      },
    }),
  });
}
