import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { Environment } from '../../../../../libs/config/src/environment';
import type { CurrentUser } from '../../access/current-user';
import { ApiErrorsOf } from '../errors/api-errors.decorator';
import { CommonErrors } from '../errors/common.errors';

/** The named limits; each route takes the ones its decorator names and skips the others. */
export const LOGIN_PER_USER = 'login';
export const LOGIN_PER_ADDRESS = 'login-address';
export const EXPENSIVE = 'expensive';
const ALL = [LOGIN_PER_USER, LOGIN_PER_ADDRESS, EXPENSIVE];

/** The client's address: `req.ip`, which follows X-Forwarded-For only behind a trusted proxy (TRUST_PROXY). */
const address = (req: Record<string, unknown>) => String((req as unknown as FastifyRequest).ip ?? '');

/**
 * Sign-in is limited per username and address (guessing one person's password is stopped, and
 * the account locks after LOGIN_MAX_FAILURES), and per address only loosely, so a whole office
 * behind one address can still sign in. Expensive routes (imports, exports, bulk steps) are
 * limited per signed-in person.
 */
export function rateLimits(env: Environment): ThrottlerOptions[] {
  return [
    {
      name: LOGIN_PER_USER,
      ttl: 60_000,
      limit: env.LOGIN_RATE_LIMIT_PER_MINUTE,
      getTracker: (req) => {
        const body = (req as unknown as FastifyRequest).body as { username?: unknown } | undefined;
        const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
        return `${address(req)}|${username}`;
      },
    },
    {
      name: LOGIN_PER_ADDRESS,
      ttl: 60_000,
      limit: env.LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
      getTracker: address,
    },
    {
      name: EXPENSIVE,
      ttl: 60_000,
      limit: env.EXPENSIVE_RATE_LIMIT_PER_MINUTE,
      getTracker: (req) => (req as { user?: CurrentUser }).user?.id ?? address(req),
    },
  ];
}

const only = (...names: string[]) =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    SkipThrottle(Object.fromEntries(ALL.filter((n) => !names.includes(n)).map((n) => [n, true]))),
    ApiErrorsOf('rate-limit', CommonErrors.pick('TOO_MANY_REQUESTS')),
  );

/** A sign-in route: per username and address, and per address. */
export const SignInRateLimit = () => only(LOGIN_PER_USER, LOGIN_PER_ADDRESS);

/** An import, an export or a bulk step: per signed-in person (EXPENSIVE_RATE_LIMIT_PER_MINUTE). */
export const ExpensiveRateLimit = () => only(EXPENSIVE);
