/**
 * Exact decimal arithmetic for money computations. A JavaScript number such as 92.3 is read
 * through its shortest decimal spelling ("92.3") into an exact `units × 10^-scale`, so
 * `95 − 92.3` is exactly 2.7 and `333 × 1.5 %` is exactly 4.995 before rounding; no binary
 * floating-point error ever reaches an amount of money.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const [mantissa, exponent = '0'] = String(value).toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
  let units = BigInt(whole + fraction);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: negative ? -units : units, scale };
}

export const integerDecimal = (value: number): Decimal => ({ units: BigInt(value), scale: 0 });

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** `value` percent of `amount`: amount × value / 100, still exact. */
export function percentOf(amount: Decimal, percent: Decimal): Decimal {
  const product = multiply(amount, percent);
  return { units: product.units, scale: product.scale + 2 };
}

/** Rounds half away from zero to a whole number (half-up for the non-negative amounts used here). */
export function roundHalfUp(value: Decimal): bigint {
  if (value.units < 0n) return -roundHalfUp({ units: -value.units, scale: value.scale });
  const base = 10n ** BigInt(value.scale);
  return (2n * value.units + base) / (2n * base);
}
