// Scores are shown with two decimals (98.00, 90.50), as the API writes them. The API sends scores as decimal
// strings; they are rounded here as decimals (half up, like BigDecimal's HALF_UP), never through binary floating
// point, so "2.675" shows as 2.68.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** A score with exactly two decimals; `—` for no score; anything unreadable as given. */
export function formatScore(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") {
    return "—";
  }
  const text = typeof value === "number" ? numberText(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) {
    return String(value);
  }
  const sign = match[1] === "-" ? "-" : "";
  const whole = match[2] ?? "0";
  const fraction = (match[3] ?? "").padEnd(3, "0");
  // hundredths as an integer string, then round half up on the third decimal
  let cents = BigInt(whole + fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) {
    cents += 1n;
  }
  const digits = cents.toString().padStart(3, "0");
  const result = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return cents === 0n ? result : sign + result;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  // plain notation with enough digits to round correctly
  return value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}
