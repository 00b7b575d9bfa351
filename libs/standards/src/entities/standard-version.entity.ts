import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { DateScalar, DateTimeScalar } from '@anchorlink/core';
import { Organization } from '@anchorlink/identity';
import type { StoredCompatibility } from '../compatibility.js';
import { CodeEntry, FieldDefinition, StandardStatus } from '../dto/standard.types.js';
import { DataStandard } from './data-standard.entity.js';

/**
 * A semver version of a standard (标准版本). Only drafts change; a published
 * version's codes and fields never do, so what it validated once it validates
 * the same way forever.
 */
@ObjectType()
@Entity('standard_versions')
@Unique('standard_versions_standard_version_key', ['standardId', 'version'])
export class StandardVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'standard_versions_pkey' })
  id: string;

  @Column({ name: 'standard_id', type: 'uuid' })
  standardId: string;

  @ManyToOne(() => DataStandard, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'standard_versions_standard_id_fkey' })
  standard?: DataStandard;

  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_org_id', foreignKeyConstraintName: 'standard_versions_owner_org_id_fkey' })
  owner?: Organization;

  @Field()
  @Column({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'integer' })
  major: number;

  @Column({ type: 'integer' })
  minor: number;

  @Column({ type: 'integer' })
  patch: number;

  /** As stored; DEPRECATED past the sunset date is shown (and treated) as RETIRED. */
  @Column({ type: 'enum', enum: StandardStatus, enumName: 'standard_status', default: StandardStatus.DRAFT })
  status: StandardStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'change_summary', type: 'text', nullable: true })
  changeSummary: string | null;

  @Field(() => [CodeEntry])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  codes: CodeEntry[];

  @Field(() => [FieldDefinition])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  fields: FieldDefinition[];

  /** Computed on publish against the previous published version. */
  @Column({ type: 'jsonb', nullable: true })
  compatibility: StoredCompatibility | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'sunset_date', type: 'date', nullable: true })
  sunsetDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
