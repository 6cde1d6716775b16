import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../commands/command-context';
import { Ctx } from '../commands/command-context.decorator';
import { CommandInterceptor } from '../commands/command.interceptor';
import { CommandSender } from '../commands/command-sender';
import { RequestValidationError } from '../http/validation';
import { CloseRectificationDto, CorrectionDto, InvoiceDto, MeasurementDto, PaymentDto, PERIOD } from './contract.dto';

const Id = () => Param('id', new ParseUUIDPipe());

/** SLA measurements and corrections, rectification plans, and the monthly cost settlement. */
@ApiTags('contracts')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('contracts/:id')
export class ContractPerformanceController {
  constructor(private readonly commands: CommandSender) {}

  @Post('measurements')
  record(@Id() id: string, @Body() body: MeasurementDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'RecordMeasurement', { contractId: id, ...body }, ctx);
  }

  @Post('measurements/corrections')
  correct(@Id() id: string, @Body() body: CorrectionDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'CorrectMeasurement', { contractId: id, ...body }, ctx);
  }

  @Post('rectifications/:rectificationId/close')
  @HttpCode(200)
  closeRectification(
    @Id() id: string,
    @Param('rectificationId') rectificationId: string,
    @Body() body: CloseRectificationDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.commands.send(
      'contract',
      id,
      'CloseRectificationPlan',
      { contractId: id, rectificationId, ...body },
      ctx,
    );
  }

  @Post('invoices')
  invoice(@Id() id: string, @Body() body: InvoiceDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'RecordInvoice', { contractId: id, ...body }, ctx);
  }

  @Post('settlements/:period/approve')
  @HttpCode(200)
  approve(@Id() id: string, @Param('period') period: string, @Ctx() ctx: CommandContext) {
    return this.commands.send(
      'contract',
      id,
      'ApproveSettlement',
      { contractId: id, period: checkedPeriod(period) },
      ctx,
    );
  }

  @Post('settlements/:period/payments')
  pay(@Id() id: string, @Param('period') period: string, @Body() body: PaymentDto, @Ctx() ctx: CommandContext) {
    return this.commands.send(
      'contract',
      id,
      'RecordPayment',
      { contractId: id, period: checkedPeriod(period), ...body },
      ctx,
    );
  }
}

function checkedPeriod(period: string): string {
  if (!PERIOD.test(period))
    throw new RequestValidationError([{ field: 'period', messages: ['period must be a month written YYYY-MM'] }]);
  return period;
}
