import { type Money } from '../shared';
import { type SettlementFigures } from './contract.events';
import { percentOfMoney } from './sla-evaluation';

/**
 * Settlement arithmetic of one period, in integer minor units:
 *   slaCredits = Σ credits of the latest measurement of each SLA in the period (each capped by its SLA)
 *   credits    = min(slaCredits, contract cap, gross), contract cap = monthly charge × creditCapPercent / 100
 *                rounded half-up to a whole minor unit
 *   net        = gross − credits, so never negative
 */

export function periodSlaCredits(
  measurements: Readonly<Record<string, { readonly period: string; readonly credit: Money }>>,
  period: string,
  currency: string,
): Money {
  const amountMinor = Object.values(measurements)
    .filter((m) => m.period === period)
    .reduce((sum, m) => sum + m.credit.amountMinor, 0);
  return { amountMinor, currency };
}

export function settlementFigures(
  gross: Money,
  slaCredits: Money,
  monthlyCharge: Money,
  creditCapPercent: number,
): SettlementFigures {
  const contractCap = percentOfMoney(monthlyCharge, creditCapPercent).amountMinor;
  const applied = Math.min(slaCredits.amountMinor, contractCap, gross.amountMinor);
  return {
    gross,
    slaCredits,
    credits: { amountMinor: applied, currency: gross.currency },
    net: { amountMinor: gross.amountMinor - applied, currency: gross.currency },
  };
}
