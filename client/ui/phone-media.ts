/**
 * A phone's screen, as the app's layout (usePhoneLayout) and the overdue list the server paints
 * (client/index.html, server/overdue-top.ts) read it: a module of its own, so that the app's start
 * (client/main.tsx) reads it without the hooks.
 */
export const PHONE_MEDIA = "(max-width: 48em)";
