/**
 * What the user must know about their saved work, under the top bar of every page: a write that
 * failed (storage full or blocked: the latest work is not saved), storage nearly full (export and
 * delete old attempts), and records that could not be read and were kept aside (download or dismiss).
 */
import { useRecords } from '../recordsContext.ts';
import { nearlyFull, type Records, type StorageProblem } from '../state/records.ts';
import { downloadText } from '../download.ts';
import { RouteLink } from './RouteLink.tsx';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Everything this browser keeps (runs, attempts, records kept aside) as one JSON document. */
export function exportAll(records: Records): string {
  return `${JSON.stringify(
    {
      gauntlet: 'records',
      sessions: records.allSessions(),
      attempts: records.allAttempts(),
      keptAside: records.problems(),
    },
    null,
    2,
  )}\n`;
}

export function DownloadRecordsButton({ label = 'Download everything saved' }: { label?: string }) {
  const records = useRecords();
  return (
    <button type="button" className="secondary" onClick={() => downloadText('gauntlet-saved.json', exportAll(records), 'application/json')}>
      {label}
    </button>
  );
}

function downloadProblem(p: StorageProblem) {
  const text = typeof p.value === 'string' ? p.value : JSON.stringify(p.value, null, 2);
  downloadText(`gauntlet-kept-aside-${p.key.replace(/[^\w.-]+/g, '_')}.json`, text, 'application/json');
}

export function StorageNotice() {
  const records = useRecords();
  const status = records.status;
  const unseen = records.problems().filter((p) => !p.seen);
  const full = nearlyFull(status);
  if (!status.writeError && !full && unseen.length === 0) return null;
  return (
    <div className="storage-notice">
      {status.writeError && (
        <div className="notice poor-bg" role="alert">
          <strong>Not saved.</strong> {status.writeError} Keep this tab open;{' '}
          <RouteLink to={{ view: 'progress' }}>export or delete old attempts</RouteLink> to make room, and saving resumes.
        </div>
      )}
      {!status.writeError && full && (
        <div className="notice fair-bg" role="status">
          Storage for this site is {Math.round((100 * status.usage!) / status.quota!)}% full ({mb(status.usage!)} of {mb(status.quota!)}).{' '}
          <RouteLink to={{ view: 'progress' }}>Export or delete old attempts</RouteLink> before it fills.
        </div>
      )}
      {unseen.map((p) => (
        <div key={p.id} className="notice fair-bg" role="alert">
          A saved {p.from === 'attempts' ? 'attempt' : 'run'} (<code>{p.key}</code>) could not be read: {p.reason}. It has been kept
          aside, not deleted, and you start afresh.{' '}
          <button type="button" className="link" onClick={() => downloadProblem(p)}>
            Download it
          </button>{' '}
          <button type="button" className="link" onClick={() => records.markSeen(p.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

export { downloadProblem };
