// The theming page's table: each `--kki-*` variable, the appearance key that sets it, its light and
// dark defaults (read from the stylesheet the page loads, each preset pinned) with swatches.
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

type Values = Record<string, string>;

/** The variables' values on `.kki-root` probes the page renders, one per preset. */
function useDefaults(): { light: Values; dark: Values; probes: ReactElement } {
  const light = useRef<HTMLDivElement>(null);
  const dark = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState<{ light: Values; dark: Values }>({ light: {}, dark: {} });
  useEffect(() => {
    const read = (el: HTMLElement | null): Values => {
      if (el === null) return {};
      const style = getComputedStyle(el);
      return Object.fromEntries(KEYS.map((k) => [k, style.getPropertyValue(variableOf(k)).trim()]));
    };
    setValues({ light: read(light.current), dark: read(dark.current) });
  }, []);
  const probes = (
    <>
      <div data-kki-theme="light" hidden>
        <div ref={light} className="kki-root" />
      </div>
      <div data-kki-theme="dark" hidden>
        <div ref={dark} className="kki-root" />
      </div>
    </>
  );
  return { ...values, probes };
}

/** A value with its colour swatch. */
function Value(props: { name: string; value: string | undefined }): ReactElement {
  return (
    <td>
      <code>{props.value}</code>
      {props.name.startsWith('color') && props.value ? (
        <span
          aria-hidden="true"
          style={{
            display: 'inline-block',
            width: '1em',
            height: '1em',
            marginInlineStart: '0.5em',
            verticalAlign: 'middle',
            border: '1px solid #888',
            background: props.value,
          }}
        />
      ) : null}
    </td>
  );
}

/** The table of variables with their light and dark defaults. */
export function ThemeVariables(): ReactElement {
  const { light, dark, probes } = useDefaults();
  return (
    <div>
      {probes}
      <table>
        <thead>
          <tr>
            <th scope="col">CSS variable</th>
            <th scope="col">
              <code>appearance.variables</code> key
            </th>
            <th scope="col">Light (default)</th>
            <th scope="col">Dark</th>
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
              <Value name={key} value={light[key]} />
              <Value name={key} value={dark[key]} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
