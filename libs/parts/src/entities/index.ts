import { Part } from './part.entity.js';
import { SupplierPart } from './supplier-part.entity.js';

export { Part } from './part.entity.js';
export { SupplierPart } from './supplier-part.entity.js';

export const PARTS_ENTITIES = [Part, SupplierPart];
