/**
 * Exports of the report: Markdown (core reportMarkdown, model answers included), JSON (the Report
 * object, exactly what the CLI's `--report json` prints) and the browser's print dialog, which
 * the print stylesheet turns into a clean page ("Save as PDF").
 */
import type { Report } from '../../../core/grader/types.ts';
import { reportMarkdown } from '../../../core/report/markdown.ts';
import { downloadText } from '../../download.ts';

export interface ExportBarProps {
  report: Report;
  /** Resolves to the model answers as Markdown, keyed by round id. */
  modelAnswers: () => Promise<Record<string, string>>;
}

export function ExportBar({ report, modelAnswers }: ExportBarProps) {
  const base = `gauntlet-${report.scenario}-report`;
  const markdown = async () => {
    const answers = await modelAnswers();
    downloadText(`${base}.md`, reportMarkdown(report, { modelAnswers: answers }), 'text/markdown');
  };
  const json = () => downloadText(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  return (
    <div className="export-bar row" role="group" aria-label="Export the report">
      <button type="button" className="secondary" onClick={() => void markdown()}>
        Export Markdown
      </button>
      <button type="button" className="secondary" onClick={json}>
        Export JSON
      </button>
      <button type="button" className="secondary" onClick={() => window.print()}>
        Print or save as PDF
      </button>
    </div>
  );
}
