import type { SqlType } from '@anchorlink/core';
import { Organization } from '../entities/organization.entity.js';

/** An organization read by SqlPlanner: every field is a column (visibility is the relation's and row-level security's). */
export const ORGANIZATION_SQL_TYPES: SqlType[] = [{ name: 'Organization', entity: Organization, fields: {} }];
