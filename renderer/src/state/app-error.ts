import type { AppError } from '../../../agent-core/contract/app-contract.ts';
import { ContractError } from '../../../agent-core/contract/contract-client.ts';

/** Whatever a request rejected with, as the { code, message } the UI shows. */
export function toAppError(err: unknown): AppError {
  if (err instanceof ContractError) return { code: err.code, message: err.message };
  if (err instanceof Error) return { code: 'renderer', message: err.message };
  return { code: 'renderer', message: String(err) };
}
