import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ORG_KINDS_KEY, OrgKind, RequestContext, Role, ROLES_KEY } from '@anchorlink/core';
import { ForecastStatus as F } from './entities/forecast.entity.js';
import { FORECAST_LIFECYCLE, ForecastAction, forecastActions } from './forecast-lifecycle.js';
import { ForecastResolver } from './forecasts.resolver.js';

const caller = (organizationId: string, kind: OrgKind, roles: Role[]) =>
  new RequestContext('t', { userId: null, organizationId, organizationKind: kind, roles, locale: 'en' });
const SUPPLIER = '22222222-2222-4222-8222-222222222222';

describe('forecast lifecycle', () => {
  const states = Object.values(F);

  it.each(states.flatMap((from) => states.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(FORECAST_LIFECYCLE.canTransition(from, to)).toBe(from === F.PUBLISHED && to === F.SUPERSEDED);
  });

  it.each(states)('lets only its supplier commit, and only to the published revision (%s)', (status) => {
    const forecast = { status, supplierOrganizationId: SUPPLIER };
    const expected = status === F.PUBLISHED ? [ForecastAction.COMMIT] : [];
    expect(forecastActions(caller(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]), forecast)).toEqual(expected);
    expect(forecastActions(caller(SUPPLIER, OrgKind.SUPPLIER, [Role.ORG_ADMIN]), forecast)).toEqual([]);
    expect(forecastActions(caller('33333333-3333-4333-8333-333333333333', OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]), forecast)).toEqual([]);
    expect(forecastActions(caller('11111111-1111-4111-8111-111111111111', OrgKind.ANCHOR, [Role.PLANNER]), forecast)).toEqual([]);
  });

  it('requires of committing what commitForecast requires', () => {
    const handler = ForecastResolver.prototype.commitForecast as object;
    const rule = FORECAST_LIFECYCLE.actions[ForecastAction.COMMIT];
    expect([Reflect.getMetadata(ROLES_KEY, handler), Reflect.getMetadata(ORG_KINDS_KEY, handler)]).toEqual([rule.roles, rule.kinds]);
  });
});
