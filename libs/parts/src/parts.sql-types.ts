import type { SqlType } from '@anchorlink/core';
import { Part } from './entities/part.entity.js';
import { SupplierPart } from './entities/supplier-part.entity.js';

/** How SQL reads a part and its supplier mappings (SqlPlanner): an anchor sees every mapping of its part, a supplier its own. */
export const PART_SQL_TYPES: SqlType[] = [
  {
    name: 'Part',
    entity: Part,
    fields: {
      supplierParts: {
        many: 'SupplierPart',
        source: (p, scope) => {
          const sp = scope.alias('sp');
          return {
            from: `supplier_parts ${sp}`,
            alias: sp,
            where: `${sp}.part_id = ${p}.id AND (${sp}.anchor_org_id = ${scope.organization} OR ${sp}.supplier_org_id = ${scope.organization})`,
            orderBy: `${sp}.created_at, ${sp}.id`,
          };
        },
      },
    },
  },
  {
    name: 'SupplierPart',
    entity: SupplierPart,
    fields: {
      supplier: {
        one: 'Organization',
        source: (sp, scope) => {
          const o = scope.alias('org');
          return { from: `organizations ${o}`, alias: o, where: `${o}.id = ${sp}.supplier_org_id` };
        },
      },
    },
  },
];
