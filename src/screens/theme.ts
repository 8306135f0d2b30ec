// Semantic styling tokens, decided once from the environment. Meaning never depends on colour:
// a selected row has a `>` marker, an error a `!` prefix, so NO_COLOR and mono terminals lose
// nothing. ASCII borders when the locale is not UTF-8 (remote support over old SSH clients).
import { createContext, useContext } from 'react';
import type { BoxProps } from 'ink';

export type BorderStyle = NonNullable<BoxProps['borderStyle']>;

export interface Theme {
  /** Box characters, markers and spinner are ASCII. */
  ascii: boolean;
  /** Colour is allowed (false under NO_COLOR, TERM=dumb or mono). */
  color: boolean;
  border: BorderStyle;
  /** Ink colour names per meaning, undefined when colour is off. */
  colors: {
    accent: string | undefined;
    muted: string | undefined;
    error: string | undefined;
    warning: string | undefined;
    success: string | undefined;
    key: string | undefined;
  };
  marks: {
    selected: string;
    unselected: string;
    error: string;
    separator: string;
    ellipsis: string;
  };
  spinner: string[];
  /** Hot keys: underline the letter, or show `[P]` where underline may be lost (ascii/mono). */
  hotKeyBrackets: boolean;
}

export interface ThemeOptions {
  env?: NodeJS.ProcessEnv;
  /** Force ASCII (true) or box drawing (false) regardless of the locale. */
  ascii?: boolean;
  /** Force colour off (true) regardless of the environment. */
  mono?: boolean;
}

const ASCII_BORDER: BorderStyle = {
  topLeft: '+', top: '-', topRight: '+', right: '|', bottomRight: '+', bottom: '-', bottomLeft: '+', left: '|',
};

/** POSIX order: LC_ALL overrides LC_CTYPE overrides LANG. */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return /utf-?8/i.test(locale);
}

export function detectAscii(env: NodeJS.ProcessEnv): boolean {
  return !localeIsUtf8(env) || env['TERM'] === 'linux';
}

export function detectMono(env: NodeJS.ProcessEnv): boolean {
  // no-color.org: present and not empty disables colour.
  return (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') || env['TERM'] === 'dumb';
}

export function createTheme(options: ThemeOptions = {}): Theme {
  const env = options.env ?? process.env;
  const ascii = options.ascii ?? detectAscii(env);
  const color = !(options.mono ?? detectMono(env));
  const c = (name: string): string | undefined => (color ? name : undefined);
  return {
    ascii,
    color,
    border: ascii ? ASCII_BORDER : 'single',
    colors: { accent: c('cyan'), muted: c('gray'), error: c('red'), warning: c('yellow'), success: c('green'), key: c('cyan') },
    marks: {
      selected: '>',
      unselected: ' ',
      error: '!',
      separator: ascii ? '>' : '›',
      ellipsis: ascii ? '~' : '…',
    },
    spinner: ascii ? ['|', '/', '-', '\\'] : ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
    hotKeyBrackets: ascii || !color,
  };
}

export const ThemeContext = createContext<Theme | null>(null);

let fallback: Theme | undefined;

/** The theme from ThemeProvider (ThemeContext.Provider), or one read from process.env. */
export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (theme) return theme;
  fallback ??= createTheme();
  return fallback;
}

/** Cuts text to width columns with an ellipsis mark (one column per character assumed). */
export function truncate(text: string, width: number, theme: Pick<Theme, 'marks'>): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return chars.slice(0, Math.max(0, width - 1)).join('') + theme.marks.ellipsis;
}
