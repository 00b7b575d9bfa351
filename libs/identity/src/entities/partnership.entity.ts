import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar } from '@anchorlink/core';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Organization } from './organization.entity.js';

export enum PartnershipStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(PartnershipStatus, { name: 'PartnershipStatus' });

/** An anchor–supplier link (合作关系); orders and forecasts need an ACTIVE one. */
@ObjectType()
@Entity('partnerships')
@Unique('partnerships_anchor_supplier_key', ['anchorOrganizationId', 'supplierOrganizationId'])
@Index('partnerships_supplier_code_key', ['anchorOrganizationId', 'supplierCode'], {
  unique: true,
  where: 'supplier_code IS NOT NULL',
})
@Index('partnerships_supplier_org_id_idx', ['supplierOrganizationId'])
export class Partnership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'partnerships_pkey' })
  id: string;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'anchor_org_id', foreignKeyConstraintName: 'partnerships_anchor_org_id_fkey' })
  anchor?: Organization;

  @Column({ name: 'supplier_org_id', type: 'uuid' })
  supplierOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_org_id', foreignKeyConstraintName: 'partnerships_supplier_org_id_fkey' })
  supplier?: Organization;

  @Field(() => PartnershipStatus)
  @Column({ type: 'enum', enum: PartnershipStatus, enumName: 'partnership_status' })
  status: PartnershipStatus;

  /** The anchor's own vendor number for this supplier. */
  @Field(() => String, { nullable: true })
  @Column({ name: 'supplier_code', type: 'varchar', length: 64, nullable: true })
  supplierCode: string | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
