// The case-code matrix of the Storybook docs: every code a DOKU flow can return, who reads it, the
// copy they get in both languages, and a link to its story. Read from the contract's error flows,
// like the stories, so the page and the stories cannot drift apart.
import {
  KKI_ERROR_FLOWS,
  KKI_FLOW_CASES,
  type KkiErrorCode,
  type KkiErrorFlow,
  kkiErrorTitle,
  kkiFlowCopy,
} from '@kki-kit/contract';
import type { ReactElement } from 'react';
import { toId } from 'storybook/internal/csf';
import { ERROR_STORY_FILES } from '../error-story-files.js';
import { errorStoryExport, errorStoryName } from '../error-story-names.js';

interface Row {
  readonly flow: KkiErrorFlow;
  readonly code: KkiErrorCode;
  readonly codes: string;
  readonly storyId: string;
  readonly storyName: string;
}

function rows(): Row[] {
  return ERROR_STORY_FILES.flatMap((file) =>
    KKI_FLOW_CASES[file.flow].map((c) => ({
      flow: file.flow,
      code: c.code,
      codes:
        c.caseCodes.length > 0
          ? `${c.caseCodes.join(', ')} (${c.shownCodes.join(', ')})`
          : c.shownCodes.join(', '),
      storyId: toId(file.title, errorStoryExport(c.code)),
      storyName: `${file.title}/${errorStoryName(c)}`,
    })),
  );
}

/** The matrix, one table per flow. */
export function CaseCodeMatrix(): ReactElement {
  const all = rows();
  return (
    <div>
      {Object.keys(KKI_ERROR_FLOWS).map((name) => {
        const flow = name as KkiErrorFlow;
        const info = KKI_ERROR_FLOWS[flow];
        return (
          <section key={flow}>
            <h2 id={`flow-${flow}`}>
              {flow} <small>(read by: {info.reader})</small>
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">DOKU code</th>
                  <th scope="col">Kit code</th>
                  <th scope="col">English</th>
                  <th scope="col">Bahasa Indonesia</th>
                  <th scope="col">Story</th>
                </tr>
              </thead>
              <tbody>
                {all
                  .filter((r) => r.flow === flow)
                  .map((r) => {
                    const copy = kkiFlowCopy(info.copy, r.code);
                    return (
                      <tr key={r.code}>
                        <td>{r.codes}</td>
                        <td>
                          <code>{r.code}</code>
                          <br />
                          {kkiErrorTitle(r.code)}
                        </td>
                        <td>{copy?.en}</td>
                        <td lang="id">{copy?.id}</td>
                        <td>
                          <a href={`./?path=/story/${r.storyId}`} target="_top" title={r.storyName}>
                            open
                          </a>
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
