import type { RequestContext } from './context/request-context.js';
import type { OrgKind, Role } from './context/roles.js';
import { ConflictError } from './errors/app-errors.js';
import type { MessageKey } from './i18n/messages.js';

/** Who may take an action, and from which states. */
export interface ActionRule<S extends string> {
  /** The states the object must be in. */
  from: readonly S[];
  /** The caller needs one of these roles (the mutation's @Roles). */
  roles: readonly Role[];
  /** The caller's organization must be of one of these kinds (the mutation's @OrgKinds). */
  kinds: readonly OrgKind[];
  /** The caller's relation to the object the action needs (e.g. 'anchor' or 'supplier' of an order); any when absent. */
  side?: string;
}

/**
 * A lifecycle as data: which state may follow which, and which action may be
 * taken from which states by whom. Services assert with it; `available` tells
 * the portal (an object's `availableActions`) what the caller may do next, so
 * no client repeats the rules. Each lifecycle's table is tested pair by pair.
 */
export class Lifecycle<S extends string, A extends string> {
  constructor(
    /** Catalogue words: `illegalTransition` takes {from, to}; `illegalAction` (per action, or one for all) takes {action, status}; `action(a)` names an action. */
    private readonly messages: {
      illegalTransition: MessageKey;
      illegalAction: MessageKey | ((action: A) => MessageKey);
      action: (action: A) => MessageKey;
    },
    readonly transitions: Readonly<Record<S, readonly S[]>>,
    readonly actions: Readonly<Record<A, ActionRule<S>>>,
  ) {}

  canTransition(from: S, to: S): boolean {
    return this.transitions[from].includes(to);
  }

  assertTransition(ctx: RequestContext, from: S, to: S): void {
    if (!this.canTransition(from, to)) throw new ConflictError(ctx.t(this.messages.illegalTransition, { from, to }));
  }

  /** No state follows this one. */
  isFinal(state: S): boolean {
    return this.transitions[state].length === 0;
  }

  allows(action: A, state: S): boolean {
    return this.actions[action].from.includes(state);
  }

  /** CONFLICT naming the current state when the object is not in a state that allows `action`. */
  assertAction(ctx: RequestContext, action: A, state: S): void {
    if (!this.allows(action, state)) {
      const key = typeof this.messages.illegalAction === 'function' ? this.messages.illegalAction(action) : this.messages.illegalAction;
      throw new ConflictError(ctx.t(key, { action: { message: this.messages.action(action) }, status: state }));
    }
  }

  /**
   * The actions the caller may take on an object in `state`: allowed from that state, and for the
   * caller's roles, organization kind and `sides` (its relations to the object).
   */
  available(ctx: RequestContext, state: S, sides: readonly string[] = []): A[] {
    const principal = ctx.principal;
    if (!principal) return [];
    return (Object.keys(this.actions) as A[]).filter((action) => {
      const rule = this.actions[action];
      return (
        rule.from.includes(state) &&
        rule.roles.some((role) => principal.roles.includes(role)) &&
        rule.kinds.includes(principal.organizationKind) &&
        (rule.side === undefined || sides.includes(rule.side))
      );
    });
  }
}
