// Every story renders inside a KkiProvider whose locale and appearance come from the toolbar globals,
// on a page whose theme (the device's, or light or dark pinned by data-kki-theme) is a global too.
import { isKkiLocale, type KkiLocale } from '@kki-kit/contract';
import type { KkiUiLocale } from '../copy/types.js';
import { en } from '../locale/en.js';
import { id } from '../locale/id.js';
import type { Decorator } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FORCE_REMOUNT } from 'storybook/internal/core-events';
import { addons, useEffect } from 'storybook/preview-api';
import type { KkiAppearance } from '../provider/appearance.js';
import { KkiProvider } from '../provider/KkiProvider.js';
import { STORY_BFF_URL } from './bff-handlers.js';

/** A few --kki-* themes a merchant might set. */
export const APPEARANCES = {
  default: {},
  'merah putih': {
    variables: { colorPrimary: '#c8102e', colorPrimaryText: '#ffffff', borderRadius: '2px' },
  },
  'night market': {
    variables: {
      colorPrimary: '#f5b700',
      colorPrimaryText: '#111111',
      colorText: '#f2f2f2',
      colorTextMuted: '#b8b8b8',
      colorBackground: '#1d1f24',
      colorBorder: '#4a4d55',
      colorDanger: '#ff7b7b',
      colorSuccess: '#6fdc8c',
    },
  },
  'large and round': {
    variables: { fontSize: '18px', borderRadius: '16px', spacing: '20px', fontFamily: 'Georgia, serif' },
  },
} as const satisfies Record<string, KkiAppearance>;

type AppearanceName = keyof typeof APPEARANCES;
export const APPEARANCE_NAMES = Object.keys(APPEARANCES) as AppearanceName[];

/**
 * The stylesheet's themes: `device` follows prefers-color-scheme, `light` and `dark` pin one with
 * `data-kki-theme`, as a merchant's page does.
 */
export const STORY_THEMES = ['device', 'light', 'dark'] as const;
type StoryTheme = (typeof STORY_THEMES)[number];

const themeOf = (globals: Record<string, unknown>): StoryTheme =>
  (STORY_THEMES as readonly unknown[]).includes(globals.theme) ? (globals.theme as StoryTheme) : 'device';
/** Each language the toolbar offers, as a merchant passes it to `KkiProvider`. */
export const STORY_LOCALES: { readonly [L in KkiLocale]: KkiUiLocale } = { id, en };

/** The story's locale from the toolbar (Indonesian when unset or unknown). */
export const storyLocale = (globals: Record<string, unknown>): KkiLocale =>
  isKkiLocale(globals.locale) ? globals.locale : 'id';

const appearanceOf = (globals: Record<string, unknown>): KkiAppearance =>
  APPEARANCES[
    (APPEARANCE_NAMES as readonly unknown[]).includes(globals.appearance)
      ? (globals.appearance as AppearanceName)
      : 'default'
  ];

function StoryProvider(props: { locale: KkiLocale; appearance: KkiAppearance; children: React.ReactNode }) {
  // One query cache per mounted story, without retries, so a refusal shows at once.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  );
  return (
    <KkiProvider
      baseUrl={STORY_BFF_URL}
      locale={STORY_LOCALES[props.locale]}
      appearance={props.appearance}
      queryClient={queryClient}
      polling={{ initialIntervalMs: 200, maxIntervalMs: 1000, factor: 1.5 }}
    >
      {props.children}
    </KkiProvider>
  );
}

/**
 * The canvas around the story: a theme with its own background (a dark one) is drawn on that
 * background with room around the form, as a merchant's page would, not as a dark box flush against
 * Storybook's light canvas. The page's own colours follow the theme (`Canvas` is the browser's page
 * background in the color-scheme given).
 */
function frameStyle(appearance: KkiAppearance, theme: StoryTheme): React.CSSProperties {
  const background = appearance.variables?.colorBackground;
  if (background !== undefined) return { background, padding: '24px' };
  return {
    colorScheme: theme === 'device' ? 'light dark' : theme,
    background: 'Canvas',
    ...(theme === 'dark' && { padding: '24px' }),
  };
}

/** The decorator preview.tsx applies to every story. */
export const withKkiProvider: Decorator = (Story, context) => {
  const locale = storyLocale(context.globals);
  const appearance = appearanceOf(context.globals);
  const theme = themeOf(context.globals);
  // Keyed by locale: a new locale mounts a fresh provider and query cache (and the story is replayed,
  // see withReplayOnLocaleChange). A new appearance or theme keeps the provider and the story's state.
  return (
    <div style={frameStyle(appearance, theme)} data-kki-theme={theme === 'device' ? undefined : theme}>
      <StoryProvider key={locale} locale={locale} appearance={appearance}>
        <Story />
      </StoryProvider>
    </div>
  );
};

/** The locale each story was last rendered in, to tell a toolbar switch from a first render. */
const renderedLocale = new Map<string, KkiLocale>();

/**
 * Replays a story when the locale toolbar changes: the mock BFF answers in the story's locale and the
 * provider's cache is per locale, so the story is mounted again and its play function brings it back
 * to the state it shows (a failure stays a failure, in the new language). The appearance toolbar needs
 * no replay: the provider keeps its state and only its `--kki-*` variables change.
 */
export const withReplayOnLocaleChange: Decorator = (Story, context) => {
  const locale = storyLocale(context.globals);
  const before = renderedLocale.get(context.id);
  renderedLocale.set(context.id, locale);
  useEffect(() => {
    if (before !== undefined && before !== locale && context.viewMode === 'story')
      addons.getChannel().emit(FORCE_REMOUNT, { storyId: context.id });
  }, [before, locale, context.id, context.viewMode]);
  return <Story />;
};
