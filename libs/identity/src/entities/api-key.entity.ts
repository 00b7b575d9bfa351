import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeScalar, Role } from '@anchorlink/core';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

/**
 * A key an ERP uses instead of a user's sign-in (API 密钥): sent as
 * `X-Api-Key`, scoped to its organization and roles. Only the SHA-256 of
 * the secret is stored; the secret is shown once.
 */
@ObjectType()
@Entity('api_keys')
@Unique('api_keys_secret_hash_key', ['secretHash'])
@Index('api_keys_org_id_idx', ['organizationId'])
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_keys_pkey' })
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'api_keys_org_id_fkey' })
  organization?: Organization;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => [Role])
  @Column({ type: 'enum', enum: Role, enumName: 'role', array: true })
  roles: Role[];

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash: string;

  /** The admin who created it: changes made with the key are recorded as theirs. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'api_keys_created_by_fkey' })
  createdBy?: User;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
