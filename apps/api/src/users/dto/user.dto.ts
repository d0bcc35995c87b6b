import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLE_LABELS, ROLES, type Role } from '../../../../../libs/domain/src/access/roles';
import { UNIT_CODE_PATTERN } from '../../../../../libs/domain/src/organisation/unit-tree';
import { UNIT_CODE_PROBLEM } from '../../common/validation-messages';
import { IsOmittableNotNull } from '../../common/validators';

const LABEL_TO_ROLE = new Map(Object.entries(ROLE_LABELS).map(([role, label]) => [label, role]));
const ROLE_PROBLEM = `每一项须为以下角色之一：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`;

/** Roles as an array, or in an import cell as `department、inspector` / `责任单位,督查组`. */
const toRoles = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(/[,，、;；\s]+/)
        .filter(Boolean)
        .map((r) => LABEL_TO_ROLE.get(r) ?? r)
    : value;

export class CreateUserBody {
  @ApiProperty({ example: 'zhangsan' })
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: '须为 3 至 64 位字母、数字、.、_ 或 -' })
  username!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName!: string;

  @ApiProperty({ example: 'xx-zjj' })
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  unitCode!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['department'] })
  @Transform(toRoles)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: ROLE_PROBLEM })
  roles!: Role[];

  @ApiPropertyOptional({
    description: 'at least 12 characters; without it the user signs in with API tokens only',
  })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password?: string;
}

export class UpdateUserBody {
  @ApiPropertyOptional()
  @IsOmittableNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOmittableNotNull()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  unitCode?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOmittableNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: ROLE_PROBLEM })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false disables sign-in and every token' })
  @IsOmittableNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ example: '岗位调整' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class SetPasswordBody {
  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password!: string;
}

export class ChangeOwnPasswordBody {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  newPassword!: string;
}

export class UserIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class ApiTokenParams extends UserIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() tokenId!: string;
}

export class UsersQuery {
  @ApiPropertyOptional({ description: 'only people of this unit and the units below it' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_PROBLEM })
  within?: string;
}

export class CreateApiTokenBody {
  @ApiProperty({ example: '省平台对接' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: '2027-12-31T16:00:00Z' })
  @IsOptional()
  @IsDateString()
  expiresAt?: string;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) lockedUntil!: string | null;
}

export class ApiTokenView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt!: string | null;
}

export class ApiTokenCreated extends ApiTokenView {
  @ApiProperty({ description: 'shown once: keep it secret; send as `Authorization: Bearer …`' })
  token!: string;
}

export class UserImportResult {
  @ApiProperty() created!: number;
  @ApiProperty({
    description: 'generated first passwords of rows without one: shown once',
    type: Object,
    isArray: true,
  })
  initialPasswords!: Array<{ username: string; password: string }>;
}
