import { Foundation1764316800000 } from './1764316800000-foundation.js';

/** Every migration, in order. Imported (not globbed) so the built app, tsx and jest all see the same list. */
export const MIGRATIONS = [Foundation1764316800000];
