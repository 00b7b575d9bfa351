import { Module } from '@nestjs/common';
import { ForecastsModule } from '@anchorlink/forecasts';
import { OrdersModule } from '@anchorlink/orders';
import { ReplicationModule } from '@anchorlink/replication';
import { DemoActivity } from './demo-activity.js';
import { DemoDataLoader } from './demo-data.loader.js';

@Module({
  imports: [OrdersModule, ForecastsModule, ReplicationModule],
  providers: [DemoDataLoader, DemoActivity],
  exports: [DemoDataLoader],
})
export class DemoDataModule {}
