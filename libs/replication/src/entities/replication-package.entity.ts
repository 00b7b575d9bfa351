import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { DateTimeScalar, GradientLevel } from '@anchorlink/core';
import { Organization } from '@anchorlink/identity';

export enum PackageStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(PackageStatus, { name: 'PackageStatus' });

export enum RolloutStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}
registerEnumType(RolloutStatus, { name: 'RolloutStatus' });

/** A proven practice the anchor (母工厂) packages to roll out to its suppliers (复制推广包). */
@ObjectType()
@Entity('replication_packages')
@Index('replication_packages_owner_idx', ['ownerOrganizationId'])
export class ReplicationPackage {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'replication_packages_pkey' })
  id: string;

  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_org_id', foreignKeyConstraintName: 'replication_packages_owner_org_id_fkey' })
  owner?: Organization;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field(() => GradientLevel)
  @Column({ name: 'target_level', type: 'enum', enum: GradientLevel, enumName: 'gradient_level' })
  targetLevel: GradientLevel;

  @Field(() => PackageStatus)
  @Column({ type: 'enum', enum: PackageStatus, enumName: 'package_status', default: PackageStatus.DRAFT })
  status: PackageStatus;

  @Column({ name: 'required_standard_version_ids', type: 'uuid', array: true, default: () => "'{}'" })
  requiredStandardVersionIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}

@ObjectType()
@Entity('checklist_items')
@Unique('checklist_items_package_position_key', ['packageId', 'position'])
export class ChecklistItem {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'checklist_items_pkey' })
  id: string;

  @Column({ name: 'package_id', type: 'uuid' })
  packageId: string;

  @ManyToOne(() => ReplicationPackage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'package_id', foreignKeyConstraintName: 'checklist_items_package_id_fkey' })
  package?: ReplicationPackage;

  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrganizationId: string;

  @Column({ type: 'integer' })
  position: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field()
  @Column({ name: 'evidence_required', type: 'boolean' })
  evidenceRequired: boolean;
}

/** A package rolled out to one supplier (推广实施), worked through item by item. */
@ObjectType()
@Entity('rollouts')
@Unique('rollouts_package_supplier_key', ['packageId', 'supplierOrganizationId'])
@Index('rollouts_supplier_idx', ['supplierOrganizationId'])
export class Rollout {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'rollouts_pkey' })
  id: string;

  @Column({ name: 'package_id', type: 'uuid' })
  packageId: string;

  @ManyToOne(() => ReplicationPackage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'package_id', foreignKeyConstraintName: 'rollouts_package_id_fkey' })
  package?: ReplicationPackage;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @Column({ name: 'supplier_org_id', type: 'uuid' })
  supplierOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_org_id', foreignKeyConstraintName: 'rollouts_supplier_org_id_fkey' })
  supplier?: Organization;

  @Field(() => RolloutStatus)
  @Column({ type: 'enum', enum: RolloutStatus, enumName: 'rollout_status', default: RolloutStatus.NOT_STARTED })
  status: RolloutStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

@Entity('rollout_items')
export class RolloutItem {
  @PrimaryColumn({ name: 'rollout_id', type: 'uuid', primaryKeyConstraintName: 'rollout_items_pkey' })
  rolloutId: string;

  @ManyToOne(() => Rollout, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rollout_id', foreignKeyConstraintName: 'rollout_items_rollout_id_fkey' })
  rollout?: Rollout;

  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'rollout_items_pkey' })
  itemId: string;

  @ManyToOne(() => ChecklistItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'rollout_items_item_id_fkey' })
  item?: ChecklistItem;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @Column({ name: 'supplier_org_id', type: 'uuid' })
  supplierOrganizationId: string;

  @Column({ type: 'boolean', default: false })
  done: boolean;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
