/**
 * The shapes of French administrative codes, stated once: the API's schemas, the web's URL
 * parsing and the services test input against these.
 */

/** A commune's INSEE code: five characters, Corsica's `2A`/`2B` in second place (2A004 Ajaccio). */
export const INSEE_CODE = /^[0-9][0-9AB]\d{3}$/;

/** A département code: two digits, Corsica's `2A`/`2B`, or `97x` overseas. */
export const DEPARTEMENT_CODE = /^(?:\d{2}|2[AB]|97\d)$/;
