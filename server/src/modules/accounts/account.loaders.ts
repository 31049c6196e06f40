import { byIdLoader } from '../../core/db/by-id-loader.js';
import { User } from './user.entity.js';

/** Users by id, one query per request tick however many list rows ask. */
export const usersById = byIdLoader(User);
