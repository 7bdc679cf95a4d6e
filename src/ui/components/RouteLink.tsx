/** A link to a route: a real href (open in a new tab works), in-app navigation on a plain click. */
import type { ReactNode } from 'react';
import { navigate, routeHref, type Route } from '../route.ts';

export function RouteLink({ to, children, className, label }: { to: Route; children: ReactNode; className?: string; label?: string }) {
  return (
    <a
      className={className}
      aria-label={label}
      href={routeHref(to)}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
