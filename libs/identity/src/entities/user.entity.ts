import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Role } from '@anchorlink/core';
import { Organization } from './organization.entity.js';

@ObjectType()
@Entity('users')
@Unique('users_email_key', ['email'])
@Index('users_org_id_idx', ['organizationId'])
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'users_org_id_fkey' })
  organization?: Organization;

  /** Stored lower-cased: e-mail addresses are unique regardless of case. */
  @Field()
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Field()
  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Field(() => [Role])
  @Column({ type: 'enum', enum: Role, enumName: 'role', array: true, default: () => "'{}'" })
  roles: Role[];

  @Field()
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  locale: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
