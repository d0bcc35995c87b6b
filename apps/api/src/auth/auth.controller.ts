import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { AuthErrors } from './auth.errors';
import { AuthService } from './auth.service';
import { LoginBody, RefreshBody, SessionView } from './dto/auth.dto';
import { SignInRateLimit } from '../common/rate-limits/rate-limits';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @SignInRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; locks the account after repeated failures' })
  @ApiOkResponse({ type: SessionView })
  @ApiErrors(AuthErrors.pick('BAD_CREDENTIALS', 'ACCOUNT_LOCKED'))
  login(@Body() body: LoginBody): Promise<SessionView> {
    return this.auth.login(body.username, body.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token (single use) for a new session' })
  @ApiOkResponse({ type: SessionView })
  @ApiErrors(AuthErrors.pick('REFRESH_TOKEN_INVALID'))
  refresh(@Body() body: RefreshBody): Promise<SessionView> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End a session: its refresh token stops working' })
  @ApiErrors()
  async logout(@Body() body: RefreshBody): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
