import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.http.controller';

/** GET /dashboard: a page for reform-office staff and provider-performance readers over the /views API. */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
