import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn, Index } from 'typeorm';
import { DateTimeScalar, GradientLevel, OrgKind } from '@anchorlink/core';

/** Any tenant: an anchor (链主企业), a supplier (供应商) or an alliance (产业联盟). */
@ObjectType()
// Contains-search (trigram GIN, migration Search1765200000000): kept out of TypeORM's schema sync.
@Index('organizations_name_trgm_idx', { synchronize: false })
@Entity('organizations')
@Unique('organizations_credit_code_key', ['creditCode'])
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organizations_pkey' })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => OrgKind)
  @Column({ type: 'enum', enum: OrgKind, enumName: 'org_kind' })
  kind: OrgKind;

  /** 统一社会信用代码 (GB 32100-2015), when known. */
  @Field(() => String, { nullable: true })
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  /** The level (梯度等级) of the latest submitted maturity assessment, if any. */
  @Field(() => GradientLevel, { nullable: true })
  @Column({ name: 'gradient_level', type: 'enum', enum: GradientLevel, enumName: 'gradient_level', nullable: true })
  gradientLevel: GradientLevel | null;

  /**
   * For anchors: how far (in percent) shipments may exceed the confirmed
   * quantity. Configured by the operator; 0 unless set.
   */
  @Column({ name: 'over_shipment_tolerance_pct', type: 'numeric', precision: 5, scale: 2, default: 0 })
  overShipmentTolerancePct: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
