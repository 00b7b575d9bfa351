import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Organization } from '@anchorlink/identity';
import { StandardKind } from '../dto/standard.types.js';

/** A shared data standard (数据标准) of an alliance: a code list or a record schema, in versions. */
@ObjectType()
@Entity('data_standards')
@Unique('data_standards_code_key', ['code'])
export class DataStandard {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'data_standards_pkey' })
  id: string;

  @Column({ name: 'owner_org_id', type: 'uuid' })
  ownerOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_org_id', foreignKeyConstraintName: 'data_standards_owner_org_id_fkey' })
  owner?: Organization;

  /** Stable key such as "UOM", "CURRENCY", "PART-MASTER". */
  @Field()
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => StandardKind)
  @Column({ type: 'enum', enum: StandardKind, enumName: 'standard_kind' })
  kind: StandardKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
