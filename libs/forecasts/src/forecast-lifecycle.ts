import { registerEnumType } from '@nestjs/graphql';
import { Lifecycle, OrgKind, type RequestContext, Role } from '@anchorlink/core';
import { ForecastStatus } from './entities/forecast.entity.js';

/** What the caller may do with a forecast revision. */
export enum ForecastAction {
  COMMIT = 'COMMIT',
}
registerEnumType(ForecastAction, {
  name: 'ForecastAction',
  description: 'What the caller may do next with a forecast (availableActions).',
});

/** The caller's organization is the forecast's supplier. */
export const SUPPLIER_SIDE = 'supplier';

/** PUBLISHED → SUPERSEDED when the anchor publishes the next revision; the supplier commits to the published one. */
export const FORECAST_LIFECYCLE = new Lifecycle<ForecastStatus, ForecastAction>(
  { illegalTransition: 'forecast.illegalTransition', illegalAction: 'forecast.superseded', action: () => 'forecast.superseded' },
  {
    [ForecastStatus.PUBLISHED]: [ForecastStatus.SUPERSEDED],
    [ForecastStatus.SUPERSEDED]: [],
  },
  {
    [ForecastAction.COMMIT]: {
      from: [ForecastStatus.PUBLISHED],
      roles: [Role.SUPPLIER_SALES],
      kinds: [OrgKind.SUPPLIER],
      side: SUPPLIER_SIDE,
    },
  },
);

export function forecastActions(
  ctx: RequestContext,
  forecast: { status: ForecastStatus; supplierOrganizationId: string },
): ForecastAction[] {
  return FORECAST_LIFECYCLE.available(
    ctx,
    forecast.status,
    ctx.principal?.organizationId === forecast.supplierOrganizationId ? [SUPPLIER_SIDE] : [],
  );
}
