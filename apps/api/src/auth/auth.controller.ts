import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../access/access.decorators';
import { ErrorBody } from '../common/error-body';
import { AuthService } from './auth.service';
import { LoginBody, RefreshBody, SessionView } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; locks the account after repeated failures' })
  @ApiOkResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  @ApiTooManyRequestsResponse({ type: ErrorBody })
  login(@Body() body: LoginBody): Promise<SessionView> {
    return this.auth.login(body.username, body.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token (single use) for a new session' })
  @ApiOkResponse({ type: SessionView })
  refresh(@Body() body: RefreshBody): Promise<SessionView> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End a session: its refresh token stops working' })
  async logout(@Body() body: RefreshBody): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
