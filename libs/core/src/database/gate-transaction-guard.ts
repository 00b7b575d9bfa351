import { type BeforeQueryEvent, EventSubscriber, type EntitySubscriberInterface, type TransactionStartEvent } from 'typeorm';

/** Where DatabaseGate marks a QueryRunner (in its public `data`) as one whose transaction it owns. */
export const GATE_OWNED = 'anchorlink.gateOwned';

/** What the gate keeps in a runner's `data[GATE_OWNED]`. */
export interface GateRunnerState {
  /** Why statements are refused from now on (the transaction is ending, a failed mutation is being undone); null: open. */
  refusing: string | null;
}

function stateOf(data: Record<string, unknown> | undefined): GateRunnerState | undefined {
  return data?.[GATE_OWNED] as GateRunnerState | undefined;
}

/**
 * Keeps TypeORM within the transactions DatabaseGate owns, through TypeORM's
 * public subscriber hooks on the tenant DataSource:
 * - TypeORM may not start a transaction of its own on such a connection
 *   (`EntityManager.save` or `.transaction()`): its COMMIT would end the
 *   request transaction halfway through a mutation. Pass
 *   `{ transaction: false }` to `save`, or use DatabaseGate.savepoint.
 * - A statement reaching TypeORM once the gate has started to end the
 *   transaction, or to undo a failed mutation, is refused before it is sent.
 */
@EventSubscriber()
export class GateTransactionGuard implements EntitySubscriberInterface {
  beforeTransactionStart(event: TransactionStartEvent): void {
    if (stateOf(event.queryRunner.data)) {
      throw new Error(
        'DatabaseGate owns this transaction: TypeORM may not start one here (use { transaction: false } or DatabaseGate.savepoint)',
      );
    }
  }

  beforeQuery(event: BeforeQueryEvent): void {
    const refusing = stateOf(event.queryRunner?.data)?.refusing;
    if (refusing) throw new Error(refusing);
  }
}
