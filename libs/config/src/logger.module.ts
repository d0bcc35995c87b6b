import { DynamicModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from './environment';
import { pinoOptions } from './logging';
import { requestIdFor } from './request-id';

/**
 * JSON logs through pino for a process (`api` or `worker`). Over HTTP each line carries the
 * request's id (`requestIdFor`), which the API's server gives each request and echoes back.
 */
export function structuredLogging(processName: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [Environment],
    useFactory: (env: Environment) => ({
      forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
      pinoHttp: {
        ...pinoOptions(env, processName),
        genReqId: (req) => requestIdFor(req.headers),
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
