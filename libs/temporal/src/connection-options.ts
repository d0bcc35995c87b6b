import * as fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { Environment, EnvironmentError } from '../../config/src/environment';

/** How the API's client, the worker's native connection and the scripts secure their connection. */
export type TemporalConnectionSettings = Pick<
  Environment,
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_API_KEY'
>;

/** Options both `Connection` (client) and `NativeConnection` (worker) take, beside the address. */
export interface TemporalConnectionSecurity {
  /** Set when any TLS setting or an API key is given: TLS, with mTLS when a client pair is given. */
  tls?: TLSConfig;
  apiKey?: string;
}

function readSetting(name: keyof TemporalConnectionSettings, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new EnvironmentError(
      `Invalid configuration:\n  ${name}="${file}": file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/**
 * TLS (mTLS with a client pair) and the API key of a Temporal connection, from the settings
 * (validated at start by `loadEnvironment`; the files are read here, once per connection).
 * Nothing set: a plain connection, as to the dev server.
 */
export function temporalConnectionSecurity(env: TemporalConnectionSettings): TemporalConnectionSecurity {
  const { TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key } = env;
  if ((cert === undefined) !== (key === undefined))
    throw new EnvironmentError(
      `Invalid configuration:\n  ${cert === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY'} is required with ${cert === undefined ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'}`,
    );
  const useTls = [ca, cert, env.TEMPORAL_TLS_SERVER_NAME, env.TEMPORAL_API_KEY].some((v) => v !== undefined);
  return {
    ...(useTls
      ? {
          tls: {
            ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
            ...(ca ? { serverRootCACertificate: readSetting('TEMPORAL_TLS_CA', ca) } : {}),
            ...(cert && key
              ? {
                  clientCertPair: {
                    crt: readSetting('TEMPORAL_TLS_CERT', cert),
                    key: readSetting('TEMPORAL_TLS_KEY', key),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
