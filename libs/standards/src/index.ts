import { Adoption } from './entities/adoption.entity.js';
import { DataStandard } from './entities/data-standard.entity.js';
import { StandardVersion } from './entities/standard-version.entity.js';

export { Adoption } from './entities/adoption.entity.js';
export { DataStandard } from './entities/data-standard.entity.js';
export { StandardVersion } from './entities/standard-version.entity.js';
export * from './dto/standard.types.js';
export * from './standards.module.js';
export * from './standards.service.js';
export * from './validation.service.js';
export * from './seed/standards.seeder.js';
export * from './seed/catalogue-codes.js';
export * from './compatibility.js';
export * from './semver.js';
export * from './record-validation.js';

export const STANDARDS_ENTITIES = [DataStandard, StandardVersion, Adoption];
