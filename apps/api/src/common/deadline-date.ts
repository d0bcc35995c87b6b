import { ApiProperty } from '@nestjs/swagger';
import { deadlineDate } from '../../../../libs/domain/src/time/deadline-display';

/**
 * Every deadline field of a view keeps its ISO instant and gets a `…Date` field beside it: the
 * day as written when the deadline was given as a date (libs/domain time/deadline-display).
 */
export const DEADLINE_DATE_DESCRIPTION =
  'the day as written when the deadline was given as a date (end of that CST day); null for an instant';

/** Swagger for a `…Date` field beside a deadline. */
export const ApiDeadlineDate = (): PropertyDecorator =>
  ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-15',
    description: DEADLINE_DATE_DESCRIPTION,
  });

/** `deadlineDate` of an optional deadline: null when there is none. */
export function deadlineDateOf(instant: Date | string | null | undefined): string | null {
  return instant === null || instant === undefined ? null : deadlineDate(instant);
}
