import { Module } from '@nestjs/common';
import { IdentityModule } from '@anchorlink/identity';
import { PartResolver, SupplierPartResolver } from './part.resolver.js';
import { PartsRepository } from './parts.repository.js';
import { PartsService } from './parts.service.js';

/** The anchor's part master and the supplier part mappings. */
@Module({
  imports: [IdentityModule],
  providers: [PartsRepository, PartsService, PartResolver, SupplierPartResolver],
  exports: [PartsService],
})
export class PartsModule {}
