/** An amount in yuan as every page writes it (simulation, Program page, monitoring): the UI locale's digit grouping, two decimals ("¥12,345.60"). */
export function yuan(amount: number, locale: string): string {
  return `¥${amount.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}
