import { fileURLToPath } from 'node:url';

/** Repository root, so data folders land in the project whatever the working directory. */
export const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));
