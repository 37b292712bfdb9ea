import type { ReactNode } from 'react';
import type { AppError } from '../../../../agent-core/contract/app-contract.ts';

interface Props {
  error: AppError;
  title?: string;
  /** Offered as a button when given. */
  onRetry?: () => void;
  children?: ReactNode;
}

/** The core's own message, verbatim (it says what is wrong and the fix), with its code for bug reports. */
export function ErrorMessage({ error, title = 'Something went wrong', onRetry, children }: Props) {
  return (
    <div className="error-message" role="alert">
      <div className="error-message__title">{title}</div>
      <p className="error-message__text">{error.message}</p>
      <div className="error-message__footer">
        <code className="error-message__code">{error.code}</code>
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
