/** The waterfall's grid: span, timeline, duration, status; the header and every row share it. */
export const waterfallColumns = "grid-cols-[minmax(16rem,2fr)_3fr_5rem_4rem]";
