import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DASHBOARD_PAGE } from './dashboard.page';
import { DASHBOARD_SCRIPT } from './dashboard.script';
import { DASHBOARD_STYLES } from './dashboard.styles';

/** Nothing but this origin: the page must work where nothing outside the API can be reached. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function send(res: Response, type: string, body: string): void {
  res
    .type(type)
    .set({
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    })
    .send(body);
}

/**
 * The dashboard's static files. Public: they hold no data; the page asks for a bearer token
 * and reads the /views API with it.
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  @Get()
  page(@Res() res: Response): void {
    send(res, 'text/html; charset=utf-8', DASHBOARD_PAGE);
  }

  @Get('app.js')
  script(@Res() res: Response): void {
    send(res, 'text/javascript; charset=utf-8', DASHBOARD_SCRIPT);
  }

  @Get('styles.css')
  styles(@Res() res: Response): void {
    send(res, 'text/css; charset=utf-8', DASHBOARD_STYLES);
  }
}
