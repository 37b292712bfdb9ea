import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

export function Panel({ title, actions, children, className = '', testId }: Props) {
  return (
    <section className={`panel ${className}`} data-testid={testId}>
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        {actions && <div className="panel__actions">{actions}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
