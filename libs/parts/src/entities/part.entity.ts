import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, Index } from 'typeorm';
import { JSONScalar } from '@anchorlink/core';
import { Organization } from '@anchorlink/identity';

/** The anchor's part master record (物料). */
@ObjectType()
// Contains-search (trigram GIN, migration Search1765200000000): kept out of TypeORM's schema sync.
@Index('parts_part_number_trgm_idx', { synchronize: false })
@Entity('parts')
@Unique('parts_anchor_part_number_key', ['anchorOrganizationId', 'partNumber'])
export class Part {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'parts_pkey' })
  id: string;

  @Column({ name: 'anchor_org_id', type: 'uuid' })
  anchorOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'anchor_org_id', foreignKeyConstraintName: 'parts_anchor_org_id_fkey' })
  anchor?: Organization;

  @Field()
  @Column({ name: 'part_number', type: 'varchar', length: 64 })
  partNumber: string;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  description: string;

  /** A code of the unit-of-measure code list the anchor has adopted (UN/ECE Rec 20). */
  @Field()
  @Column({ type: 'varchar', length: 16 })
  uom: string;

  @Field(() => JSONScalar)
  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
