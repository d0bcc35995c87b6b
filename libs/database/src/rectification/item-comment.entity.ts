import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'item_comment' })
export class ItemComment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'author_id', type: 'uuid' }) authorId!: string;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ name: 'author_unit', type: 'text' }) authorUnit!: string;
  @Column('text') body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
