import { Field, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '@anchorlink/core';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '@anchorlink/identity';
import { DataStandard } from './data-standard.entity.js';
import { StandardVersion } from './standard-version.entity.js';

/**
 * An organization choosing a version of a standard (采标). One current
 * adoption per organization and standard; adopting another version replaces
 * it, and the replaced row stays as history.
 */
@ObjectType()
@Entity('adoptions')
@Index('adoptions_current_key', ['organizationId', 'standardId'], { unique: true, where: 'replaced_at IS NULL' })
@Index('adoptions_version_idx', ['standardVersionId'])
export class Adoption {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'adoptions_pkey' })
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'adoptions_org_id_fkey' })
  organization?: Organization;

  @Column({ name: 'standard_id', type: 'uuid' })
  standardId: string;

  @ManyToOne(() => DataStandard, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'adoptions_standard_id_fkey' })
  standard?: DataStandard;

  @Column({ name: 'standard_version_id', type: 'uuid' })
  standardVersionId: string;

  @ManyToOne(() => StandardVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'standard_version_id', foreignKeyConstraintName: 'adoptions_standard_version_id_fkey' })
  standardVersion?: StandardVersion;

  @Field(() => DateTimeScalar)
  @Column({ name: 'adopted_at', type: 'timestamptz', default: () => 'now()' })
  adoptedAt: Date;

  @Column({ name: 'replaced_at', type: 'timestamptz', nullable: true })
  replacedAt: Date | null;
}
