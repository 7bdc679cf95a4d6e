/**
 * The thin header on every page: the product name (a link home), the page title (the page's h1
 * when `heading`), and actions; below it, what the user must know about their saved work.
 */
import type { ReactNode } from 'react';
import { RouteLink } from './RouteLink.tsx';
import { StorageNotice } from './StorageNotice.tsx';

export function TopBar({ title, heading, children }: { title?: string; heading?: boolean; children?: ReactNode }) {
  return (
    <>
      <header className="topbar">
        <RouteLink className="brand" to={{}}>
          Gauntlet
        </RouteLink>
        {title && (heading ? <h1 className="crumb">{title}</h1> : <span className="crumb">{title}</span>)}
        <nav className="actions" aria-label="Page actions">
          {children}
          <RouteLink to={{ view: 'progress' }}>Progress</RouteLink>
          <a href="/live/new">Live interview</a>
        </nav>
      </header>
      <StorageNotice />
    </>
  );
}
