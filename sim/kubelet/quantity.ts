import { parseQuantity as parseQuantityText } from '../../agent-core/contract/quantity.ts';

/** A pod spec's quantity (cores for CPU, bytes for memory), or undefined when absent or not a quantity. */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  const value = parseQuantityText(text);
  return Number.isNaN(value) ? undefined : value;
}
