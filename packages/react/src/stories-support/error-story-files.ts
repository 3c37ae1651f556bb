// The generated error stories files: one per (component, DOKU flow), one story per code the
// contract's error flows give the flow. `scripts/write-error-stories.ts` writes them;
// test/error-stories-files.test.ts fails when one is out of date. Written out in full (literal names,
// a `play` per story) because Storybook's indexer reads story files without running them.
import { KKI_FLOW_CASES, type KkiErrorFlow } from '@kki-kit/contract';
import { errorStoryExport, errorStoryName } from './error-story-names.js';

/** One generated file. */
export interface ErrorStoryFile {
  readonly flow: KkiErrorFlow;
  /** Path under packages/react/src. */
  readonly path: string;
  readonly title: string;
  readonly component: string;
  /** The module (under src) and exports of the flow's `errorStories` and the component's meta. */
  readonly steps: string;
  readonly errors: string;
  readonly meta: string;
}

export const ERROR_STORY_FILES: readonly ErrorStoryFile[] = [
  {
    flow: 'kki_payment',
    path: 'KkiPayButton/KkiPayButton.errors.stories.tsx',
    title: 'KKI/KkiPayButton/Errors',
    component: 'KkiPayButton',
    steps: 'steps-pay-button',
    errors: 'kkiPaymentErrors',
    meta: 'payButtonMeta',
  },
  {
    flow: 'checkout_payment',
    path: 'KkiPayButton/KkiPayButton.checkout-errors.stories.tsx',
    title: 'KKI/KkiPayButton/Checkout errors',
    component: 'KkiPayButton',
    steps: 'steps-pay-button',
    errors: 'checkoutPaymentErrors',
    meta: 'checkoutResumeMeta',
  },
  {
    flow: 'kki_binding',
    path: 'KkiBindCard/KkiBindCard.errors.stories.tsx',
    title: 'KKI/KkiBindCard/Errors',
    component: 'KkiBindCard',
    steps: 'steps-bind-card',
    errors: 'kkiBindingErrors',
    meta: 'bindCardMeta',
  },
  {
    flow: 'kki_refund',
    path: 'RefundForm/RefundForm.errors.stories.tsx',
    title: 'KKI/RefundForm/Errors',
    component: 'RefundForm',
    steps: 'steps-refund-form',
    errors: 'kkiRefundErrors',
    meta: 'refundFormMeta',
  },
  {
    flow: 'card_refund',
    path: 'RefundForm/RefundForm.cards-errors.stories.tsx',
    title: 'KKI/RefundForm/Cards errors',
    component: 'RefundForm',
    steps: 'steps-refund-form',
    errors: 'cardRefundErrors',
    meta: 'refundFormMeta',
  },
  {
    flow: 'kki_unbinding',
    path: 'SavedCardsList/SavedCardsList.errors.stories.tsx',
    title: 'KKI/SavedCardsList/Errors',
    component: 'SavedCardsList',
    steps: 'steps-saved-cards',
    errors: 'kkiUnbindingErrors',
    meta: 'savedCardsMeta',
  },
  {
    flow: 'card_removal',
    path: 'SavedCardsList/SavedCardsList.cards-errors.stories.tsx',
    title: 'KKI/SavedCardsList/Cards errors',
    component: 'SavedCardsList',
    steps: 'steps-saved-cards',
    errors: 'cardRemovalErrors',
    meta: 'savedCardsMeta',
  },
  {
    flow: 'card_payment',
    path: 'CardPaymentFrame/CardPaymentFrame.errors.stories.tsx',
    title: 'Cards/CardPaymentFrame/Errors',
    component: 'CardPaymentFrame',
    steps: 'steps-card-frame',
    errors: 'cardPaymentErrors',
    meta: 'cardFrameMeta',
  },
];

/** The text of one generated file. */
export function errorStoryFileText(file: ErrorStoryFile): string {
  const stories = KKI_FLOW_CASES[file.flow].map(
    (c) => `
export const ${errorStoryExport(c.code)}: Story = {
  name: '${errorStoryName(c)}',
  ...errors.story('${c.code}'),
  play: errors.play('${c.code}'),
};
`,
  );
  const names = [`${file.meta} as base`, `${file.errors} as errors`];
  const from = `from '../stories-support/${file.steps}.js';`;
  const oneLine = `import { ${names.join(', ')} } ${from}`;
  // Wrapped as the formatter (biome, 110 columns) would.
  const stepsImport =
    oneLine.length <= 110 ? oneLine : `import {\n${names.map((n) => `  ${n},\n`).join('')}} ${from}`;
  return `// Generated from @kki-kit/contract's error flows (flow ${file.flow}) by
// \`pnpm --filter @kki-kit/react storybook:errors\`; do not edit.
import type { Meta, StoryObj } from '@storybook/react-vite';
${stepsImport}
import { ${file.component} } from './${file.component}.js';

// No docs page: a failure shows only once its play function has run, which docs pages do not do.
const meta = {
  title: '${file.title}',
  component: ${file.component},
  tags: ['!autodocs'],
  ...base,
} satisfies Meta<typeof ${file.component}>;

export default meta;
type Story = StoryObj<typeof meta>;
${stories.join('')}`;
}
