import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsDeadline } from '../../common/validators';

const Text = (max = 2000) => [IsString(), IsNotEmpty(), MaxLength(max)];

/** Evidence uploaded to the campaign beforehand (POST …/tasks/:key/evidence), by id. */
const EvidenceIds = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid', description: 'evidence uploaded to this task' }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );

export class CampaignIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class TaskParams extends CampaignIdParam {
  @ApiProperty({ example: 'T4', description: 'the task’s key in the plan' })
  @applyDecorators(...Text(64))
  key!: string;
}

export class TaskEvidenceParams extends TaskParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() evidenceId!: string;
}

export class PlanVersionParams extends CampaignIdParam {
  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class BulletinParams extends CampaignIdParam {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  number!: number;
}

/** `?reason=` of a plan revision sent as YAML (a JSON body carries its reason itself). */
export class PlanRevisionQuery {
  @ApiPropertyOptional({ example: '增加第十一项任务', description: 'why the plan changes (YAML bodies)' })
  @IsOptional()
  @applyDecorators(...Text(1000))
  reason?: string;
}

export class AddTaskBody {
  @ApiProperty({
    example: {
      key: 'T11',
      name: '扶贫领域作风问题专项治理',
      lead: 'jjw',
      cooperating: ['fpb'],
      deadline: '2018-09-30',
    },
    description: 'a task as the plan writes it (TaskSpec)',
  })
  @IsObject()
  task!: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'T5', description: 'add it as a sub-task of this task' })
  @IsOptional()
  @applyDecorators(...Text(64))
  parentKey?: string;

  @ApiPropertyOptional({ example: '市里新增专项治理任务', description: 'required once the campaign runs' })
  @IsOptional()
  @applyDecorators(...Text(1000))
  reason?: string;
}

export class CampaignNoteBody {
  @ApiProperty({ example: '验收合格' })
  @applyDecorators(...Text())
  note!: string;
}

export class NoteWithEvidenceBody extends CampaignNoteBody {
  @EvidenceIds()
  evidenceIds?: string[];
}

export class ReasonBody {
  @ApiProperty({ example: '佐证材料不全' })
  @applyDecorators(...Text())
  reason!: string;
}

export class ProgressBody {
  @ApiPropertyOptional({ example: 320, description: 'quantity done so far (tasks with a quantity target)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  quantityDone?: number;

  @ApiPropertyOptional({ example: 45, description: 'percentage done (tasks without a quantity target)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  percentDone?: number;

  @ApiProperty({ example: '已完成320户危房改造开工' })
  @applyDecorators(...Text())
  narrative!: string;

  @EvidenceIds()
  evidenceIds?: string[];
}

export class ExtendBody extends ReasonBody {
  @ApiProperty({
    example: '2018-10-31',
    description: 'the new deadline: a date (end of that day, CST) or an instant',
  })
  @IsDeadline()
  deadline!: string;
}
