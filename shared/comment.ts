/** At most this many agencies mentioned in one comment. */
export const MAX_MENTIONS = 20;
