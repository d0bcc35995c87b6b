import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginBody {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: '••••••••••••' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

export class RefreshBody {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken!: string;
}

export class SessionView {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`' }) accessToken!: string;
  @ApiProperty({ example: 900 }) expiresIn!: number;
  @ApiProperty({ description: 'single use: POST /api/auth/refresh returns a new pair' })
  refreshToken!: string;
  @ApiProperty() refreshExpiresAt!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({
    description:
      'an admin has reset the password: every route but POST /api/users/me/password answers 403 ' +
      'PASSWORD_CHANGE_REQUIRED until the person sets a new one',
  })
  mustChangePassword!: boolean;
}

/** The browser's session: the refresh token is in an HttpOnly cookie, never in the body. */
export class WebSessionView {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`; keep it in memory only' })
  accessToken!: string;
  @ApiProperty({ example: 900 }) expiresIn!: number;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'the person must set a new password (POST /api/users/me/password) first' })
  mustChangePassword!: boolean;
}
