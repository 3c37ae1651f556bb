/// <reference types="vite/client" />
// Every `on*` callback of the five components is a spy in its stories' args, so Storybook's Actions
// panel shows each call with its payload. The callbacks are read from the props types by the
// TypeScript checker (inherited ones too), so a new callback without a spy fails here.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');
const COMPONENTS = [
  'KkiPayButton',
  'KkiBindCard',
  'SavedCardsList',
  'CardPaymentFrame',
  'RefundForm',
] as const;

const modules = import.meta.glob<{ default: { args?: Record<string, unknown> } }>('../src/*/*.stories.tsx', {
  eager: true,
});

/** The `on*` props of `<Component>Props`, as the compiler sees them. */
function callbacksOf(component: string): string[] {
  const file = join(src, component, `${component}.tsx`);
  const config = ts.getParsedCommandLineOfConfigFile(
    join(src, '..', 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  const program = ts.createProgram([file], config?.options ?? {});
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`no ${file}`);
  const symbol = checker.getSymbolAtLocation(source);
  const props = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === `${component}Props`);
  if (props === undefined) throw new Error(`no ${component}Props`);
  return checker
    .getDeclaredTypeOfSymbol(props)
    .getProperties()
    .map((p) => p.name)
    .filter((name) => /^on[A-Z]/.test(name));
}

describe('Actions', () => {
  it.each(COMPONENTS)(
    'every callback of %s is a spy in the args of each of its stories files',
    (component) => {
      const callbacks = callbacksOf(component);
      expect(callbacks.length).toBeGreaterThan(0);
      const files = Object.entries(modules).filter(([file]) => file.startsWith(`../src/${component}/`));
      expect(files.length).toBeGreaterThan(0);
      for (const [file, mod] of files) {
        for (const name of callbacks) {
          const spy = mod.default.args?.[name] as { mock?: unknown } | undefined;
          expect(typeof spy, `${file} args.${name}`).toBe('function');
          expect(spy?.mock, `${file} args.${name} is fn()`).toBeDefined();
        }
      }
    },
    60_000,
  );
});
