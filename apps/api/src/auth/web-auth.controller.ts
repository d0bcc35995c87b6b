import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Environment } from '../../../../libs/config/src/environment';
import { Public } from '../access/access.decorators';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { AuthErrors } from './auth.errors';
import { AuthService } from './auth.service';
import { LoginBody, SessionView, WebSessionView } from './dto/auth.dto';
import { SignInRateLimit } from '../common/rate-limits/rate-limits';

/** The refresh token's cookie: HttpOnly, sent only to the routes below. */
export const REFRESH_COOKIE = 'refresh_token';
/** The double-submit CSRF token: readable by the console, echoed in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';
export const WEB_AUTH_PATH = '/api/auth/web';

const DAY_SECONDS = 86_400;

const csrfMismatch = () => AuthErrors.error('CSRF_MISMATCH');

function sameSecret(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

function cookiesOf(request: FastifyRequest): Record<string, string | undefined> {
  return request.cookies ?? {};
}

/**
 * Sign-in for the browser console. The refresh token never reaches script: it lives in an
 * HttpOnly, SameSite=Strict cookie scoped to /api/auth/web; the access token is only in the JSON
 * (the console keeps it in memory). Refresh and sign-out need the double-submit CSRF token.
 */
@ApiTags('auth')
@Controller('auth/web')
export class WebAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Environment,
  ) {}

  @Post('login')
  @Public()
  @SignInRateLimit()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Browser sign-in: access token in the body, refresh token in an HttpOnly cookie, CSRF cookie',
  })
  @ApiOkResponse({ type: WebSessionView })
  @ApiErrors(AuthErrors.pick('BAD_CREDENTIALS', 'ACCOUNT_LOCKED'))
  async login(
    @Body() body: LoginBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<WebSessionView> {
    return this.answer(request, response, await this.auth.login(body.username, body.password));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Browser refresh: trades the refresh cookie (single use) for new cookies and a token',
  })
  @ApiHeader({ name: 'X-CSRF-Token', required: true, description: 'the value of the `csrf_token` cookie' })
  @ApiOkResponse({ type: WebSessionView })
  @ApiErrors(AuthErrors.pick('REFRESH_TOKEN_INVALID', 'CSRF_MISMATCH'))
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<WebSessionView> {
    const refreshToken = cookiesOf(request)[REFRESH_COOKIE];
    // No session cookie, nothing to protect: signed out (401), not a forgery (403).
    if (refreshToken) this.checkCsrf(request);
    try {
      return this.answer(request, response, await this.auth.refresh(refreshToken ?? ''));
    } catch (error) {
      this.clear(response);
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Browser sign-out: ends the session of the refresh cookie and clears the cookies',
  })
  @ApiHeader({ name: 'X-CSRF-Token', required: true, description: 'the value of the `csrf_token` cookie' })
  @ApiErrors(AuthErrors.pick('CSRF_MISMATCH'))
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<void> {
    const refreshToken = cookiesOf(request)[REFRESH_COOKIE];
    if (refreshToken) {
      this.checkCsrf(request);
      await this.auth.logout(refreshToken);
    }
    this.clear(response);
  }

  private checkCsrf(request: FastifyRequest): void {
    const cookie = cookiesOf(request)[CSRF_COOKIE] ?? '';
    const header = String(request.headers[CSRF_HEADER] ?? '');
    if (!sameSecret(cookie, header)) throw csrfMismatch();
  }

  private answer(request: FastifyRequest, response: FastifyReply, session: SessionView): WebSessionView {
    const maxAge = this.env.REFRESH_TOKEN_TTL_DAYS * DAY_SECONDS;
    const secure = request.protocol === 'https';
    void response
      .setCookie(REFRESH_COOKIE, session.refreshToken, { ...refreshCookie(secure), maxAge })
      .setCookie(CSRF_COOKIE, randomBytes(32).toString('base64url'), { ...csrfCookie(secure), maxAge })
      .header('Cache-Control', 'no-store');
    return {
      accessToken: session.accessToken,
      expiresIn: session.expiresIn,
      tokenType: 'Bearer',
      mustChangePassword: session.mustChangePassword,
    };
  }

  private clear(response: FastifyReply): void {
    void response
      .clearCookie(REFRESH_COOKIE, refreshCookie(false))
      .clearCookie(CSRF_COOKIE, csrfCookie(false));
  }
}

function refreshCookie(secure: boolean): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: WEB_AUTH_PATH, secure };
}

function csrfCookie(secure: boolean): CookieSerializeOptions {
  return { httpOnly: false, sameSite: 'strict', path: '/', secure };
}
