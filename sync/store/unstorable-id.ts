// Ids that come in from outside (a path, a body) and are looked up as they are.

/**
 * Whether `id` holds a NUL, which no stored id does: PostgreSQL's text refuses the character even in a comparison
 * (where SQLite finds no row), so a lookup of such an id answers "none" without asking the database.
 */
export const namesNothingStored = (id: string): boolean => id.includes('\u0000');
