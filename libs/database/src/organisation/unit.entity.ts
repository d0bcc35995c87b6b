import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { UnitKind } from '../../../domain/src/organisation/unit-tree';

/** An organisational unit: a county, township, village, bureau or work team (DOMAIN.md, Organisation). */
@Entity({ name: 'unit' })
export class Unit {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: UnitKind;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode!: string | null;

  /** Materialised path `/county/township/code/` (see libs/domain unit-tree). */
  @Column('text')
  path!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
