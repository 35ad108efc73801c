import {
  type ConvertCSSVariablesInput,
  convertCssVariables,
  DEFAULT_THEME,
  defaultCssVariablesResolver,
  mergeMantineTheme,
} from "@mantine/core";
import { BADGE_COLORS } from "../../shared/task-badges.ts";
import { appTheme, cssVariablesResolver } from "./theme.ts";

/** Only the variables whose value differs from Mantine's defaults (its stylesheet has those). */
function changed(
  values: Record<string, string>,
  defaults: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => defaults[key] !== value),
  );
}

/** The app's theme as MantineProvider merges it, and its CSS variables (Mantine's and ours). */
function appThemeVariables() {
  const theme = mergeMantineTheme(
    DEFAULT_THEME,
    appTheme(((key: string) => key) as Parameters<typeof appTheme>[0]),
  );
  return { theme, ours: defaultCssVariablesResolver(theme), resolved: cssVariablesResolver(theme) };
}

/**
 * The theme's CSS variables where they differ from Mantine's, as MantineProvider would write
 * them into the page at every start (`withCssVariables`): worked out at build time instead
 * (vite.config.ts, `virtual:theme-variables.css`), which spares every page some 10 ms of its
 * first task (issue 13). The texts the theme carries do not touch its variables.
 */
export function themeVariablesCss(): string {
  const { ours, resolved } = appThemeVariables();
  const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
  const variables: ConvertCSSVariablesInput = {
    variables: changed({ ...ours.variables, ...resolved.variables }, defaults.variables),
    light: changed({ ...ours.light, ...resolved.light }, defaults.light),
    dark: changed({ ...ours.dark, ...resolved.dark }, defaults.dark),
  };
  return convertCssVariables(variables, ":root");
}

/**
 * The theme's typeface and colours for what the server paints before the app's stylesheet
 * arrives (server/page-heading.ts, client/index.html's `boot-` classes): the page's text, the
 * links, a task's light badges in each colour they take (shared/task-badges.ts) and the filled
 * and default buttons, resolved to plain values, as Mantine's variant resolver and CSS variables
 * give them. The build writes them into index.html (vite.config.ts), so the first paint and the
 * app draw the same.
 */
export function bootThemeCss(): string {
  const { theme, ours, resolved } = appThemeVariables();
  const values: Record<string, string> = {
    ...ours.variables,
    ...ours.light,
    ...resolved.variables,
    ...resolved.light,
    "--mantine-scale": "1",
  };
  const plain = (value: string): string =>
    value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => {
      const found = values[name];
      if (found === undefined) throw new Error(`theme colours: ${name} has no value`);
      return plain(found);
    });
  const variant = (color: string, name: string) => {
    const colors = theme.variantColorResolver({ color, theme, variant: name });
    return `background:${plain(colors.background)};color:${plain(colors.color)};border:${plain(colors.border)}`;
  };
  return [
    `body{font-family:${theme.fontFamily}}`,
    `.boot-crumbs>a{color:${plain("var(--mantine-color-anchor)")}}`,
    ...BADGE_COLORS.map(
      (color) => `.boot-badge[data-color="${color}"]{${variant(color, "light")}}`,
    ),
    `.boot-button{${variant(theme.primaryColor, "filled")}}`,
    `.boot-button[data-variant="default"]{${variant(theme.primaryColor, "default")}}`,
    `.boot-button[data-variant="light"]{${variant(theme.primaryColor, "light")}}`,
    `.boot-button[data-variant="subtle"]{${variant(theme.primaryColor, "subtle")}}`,
    // A button that cannot be used yet, as Mantine draws a disabled one.
    `.boot-button[data-disabled]{background:${plain("var(--mantine-color-disabled)")};color:${plain("var(--mantine-color-disabled-color)")};border-color:transparent}`,
    `.boot-card-title>a{color:${plain("var(--mantine-color-anchor)")}}`,
  ].join("\n");
}
