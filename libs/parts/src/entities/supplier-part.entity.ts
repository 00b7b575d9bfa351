import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Organization } from '@anchorlink/identity';
import { Part } from './part.entity.js';

/**
 * The supplier's own number for an anchor part (供应商物料映射; Catena-X
 * MaterialPartnerRelation): one per part and supplier.
 */
@ObjectType()
@Entity('supplier_parts')
@Unique('supplier_parts_part_supplier_key', ['partId', 'supplierOrganizationId'])
@Unique('supplier_parts_supplier_number_key', ['anchorOrganizationId', 'supplierOrganizationId', 'supplierPartNumber'])
@Index('supplier_parts_supplier_org_id_idx', ['supplierOrganizationId'])
export class SupplierPart {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'supplier_parts_pkey' })
  id: string;

  @Column({ name: 'part_id', type: 'uuid' })
  partId: string;

  @ManyToOne(() => Part, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'part_id', foreignKeyConstraintName: 'supplier_parts_part_id_fkey' })
  part?: Part;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'anchor_org_id', foreignKeyConstraintName: 'supplier_parts_anchor_org_id_fkey' })
  anchor?: Organization;

  @Column({ name: 'supplier_org_id', type: 'uuid' })
  supplierOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_org_id', foreignKeyConstraintName: 'supplier_parts_supplier_org_id_fkey' })
  supplier?: Organization;

  @Field()
  @Column({ name: 'supplier_part_number', type: 'varchar', length: 64 })
  supplierPartNumber: string;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'lead_time_days', type: 'integer', nullable: true })
  leadTimeDays: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
