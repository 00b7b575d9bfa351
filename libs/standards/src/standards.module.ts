import { Global, Module } from '@nestjs/common';
import { DataStandardsPort } from '@anchorlink/core';
import { IdentityModule } from '@anchorlink/identity';
import { StandardsSeeder } from './seed/standards.seeder.js';
import { AdoptionResolver, CodeEntryResolver, DataStandardResolver, StandardVersionResolver } from './standards.resolver.js';
import { StandardsRepository } from './standards.repository.js';
import { StandardsService } from './standards.service.js';
import { StandardsValidationService } from './validation.service.js';

/**
 * Shared data standards. Global: every module checks its data through the
 * DataStandardsPort it provides.
 */
@Global()
@Module({
  imports: [IdentityModule],
  providers: [
    StandardsRepository,
    StandardsService,
    StandardsValidationService,
    { provide: DataStandardsPort, useExisting: StandardsValidationService },
    StandardsSeeder,
    DataStandardResolver,
    StandardVersionResolver,
    CodeEntryResolver,
    AdoptionResolver,
  ],
  exports: [DataStandardsPort, StandardsService, StandardsValidationService, StandardsSeeder],
})
export class StandardsModule {}
