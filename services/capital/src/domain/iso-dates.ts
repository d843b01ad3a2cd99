/** Stored dates (a Date, or a string when read back from an event) as the ISO strings the API and events carry. */
export const iso = (d: Date | string) => new Date(d).toISOString();
export const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
