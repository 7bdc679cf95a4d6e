/** The thin header on every page: the product name (a link home), the page title, and actions. */
import type { ReactNode } from 'react';
import { RouteLink } from './RouteLink.tsx';

export function TopBar({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <header className="topbar">
      <RouteLink className="brand" to={{}}>
        Gauntlet
      </RouteLink>
      {title && <span className="crumb">{title}</span>}
      <nav className="actions" aria-label="Scenario actions">
        {children}
        <RouteLink to={{ view: 'progress' }}>Progress</RouteLink>
        <a href="/live/new">Live interview</a>
      </nav>
    </header>
  );
}
