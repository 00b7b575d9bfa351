import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity.js';

export enum EmailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/** One e-mail notification: one per event and recipient, whatever the retries. */
@Entity('email_deliveries')
@Unique('email_deliveries_event_recipient_key', ['eventId', 'recipient'])
@Index('email_deliveries_org_id_idx', ['organizationId'])
@Index('email_deliveries_created_idx', ['createdAt'])
export class EmailDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'email_deliveries_pkey' })
  id: string;

  @Column({ name: 'org_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEvent, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'email_deliveries_event_id_fkey' })
  event?: OutboxEvent;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 8 })
  locale: string;

  @Column({ type: 'varchar', length: 64 })
  template: string;

  @Column({ type: 'enum', enum: EmailStatus, enumName: 'email_status', default: EmailStatus.PENDING })
  status: EmailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Deterministic, so a mail sent twice (a crash between sending and recording) is one message to mail clients. */
  @Column({ name: 'message_id', type: 'varchar', length: 200 })
  messageId: string;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
