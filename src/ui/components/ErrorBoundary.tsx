/**
 * Catches a page that fails to render (a record the schemas let through but the page cannot show,
 * a bug) so the app never goes blank: it says what failed and offers ways out — try again, go home,
 * or download everything this browser keeps before clearing anything.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { navigate } from '../route.ts';
import { DownloadRecordsButton } from './StorageNotice.tsx';

interface Props {
  /** What the page is, for the message ("the progress page"). */
  page: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(`Gauntlet: ${this.props.page} failed to render`, error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="home-main">
        <div className="panel warn" role="alert">
          <h1>Something went wrong on {this.props.page}</h1>
          <p>
            Nothing you saved has been deleted. The error was: <code>{error.message}</code>
          </p>
          <div className="row">
            <button type="button" onClick={() => this.setState({ error: null })}>
              Try again
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                this.setState({ error: null });
                navigate({});
              }}
            >
              Go to the scenarios
            </button>
            <DownloadRecordsButton />
          </div>
        </div>
      </main>
    );
  }
}
