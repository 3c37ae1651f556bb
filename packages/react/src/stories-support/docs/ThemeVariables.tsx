// The theming page's table: each `--kki-*` variable, the appearance key that sets it, its default
// (read from the stylesheet the page loads) and a swatch, plus the kit under each story theme.
import type { ReactElement } from 'react';
import { useEffect, useRef, useState } from 'react';
import { appearanceStyle, type KkiAppearanceVariables } from '../../provider/appearance.js';

/** Every appearance key, in the order of `KkiAppearanceVariables`. */
const KEYS: readonly (keyof KkiAppearanceVariables)[] = [
  'colorPrimary',
  'colorPrimaryText',
  'colorText',
  'colorTextMuted',
  'colorBackground',
  'colorBorder',
  'colorDanger',
  'colorDangerText',
  'colorSuccess',
  'fontFamily',
  'fontSize',
  'borderRadius',
  'spacing',
];

/** The variable a key sets, as the provider writes it. */
const variableOf = (key: keyof KkiAppearanceVariables): string =>
  Object.keys(appearanceStyle({ variables: { [key]: 'x' } }) ?? {})[0] ?? '';

/** The table of variables with their defaults, read from a `.kki-root` the page renders. */
export function ThemeVariables(): ReactElement {
  const probe = useRef<HTMLDivElement>(null);
  const [defaults, setDefaults] = useState<Record<string, string>>({});
  useEffect(() => {
    if (probe.current === null) return;
    const style = getComputedStyle(probe.current);
    setDefaults(Object.fromEntries(KEYS.map((k) => [k, style.getPropertyValue(variableOf(k)).trim()])));
  }, []);
  return (
    <div>
      <div ref={probe} className="kki-root" hidden />
      <table>
        <thead>
          <tr>
            <th scope="col">CSS variable</th>
            <th scope="col">
              <code>appearance.variables</code> key
            </th>
            <th scope="col">Default</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map((key) => (
            <tr key={key}>
              <td>
                <code>{variableOf(key)}</code>
              </td>
              <td>
                <code>{key}</code>
              </td>
              <td>
                <code>{defaults[key]}</code>
                {key.startsWith('color') && defaults[key] ? (
                  <span
                    aria-hidden="true"
                    style={{
                      display: 'inline-block',
                      width: '1em',
                      height: '1em',
                      marginInlineStart: '0.5em',
                      verticalAlign: 'middle',
                      border: '1px solid #888',
                      background: defaults[key],
                    }}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
