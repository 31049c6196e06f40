import { hash, verify } from '@node-rs/argon2';
import { ValidateBy } from 'class-validator';

// argon2id with OWASP's minimum recommended cost (19 MiB, 2 passes).
const options = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the email is unknown, so a wrong email costs as much time as a wrong password. */
export const dummyPasswordHash = await hashPassword('not-a-real-password');

// zxcvbn estimates how many guesses a password takes, using lists of common passwords, words,
// keyboard patterns and repeats (1234567890, aaaaaaaaaa, qwertyuiop all score 0). Its dictionaries
// take a tenth of a second to load: only when a password is first checked, not at every start.
let strength: Promise<{ check(password: string, userInputs: string[]): { score: number } }> | undefined;
const loadStrength = () =>
  (strength ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([{ ZxcvbnFactory }, common]) => new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  ));
/** zxcvbn's score 3: about 10^8 guesses, safe against online guessing with our rate limits. */
export const MIN_PASSWORD_SCORE = 3;

export const isStrongPassword = async (password: string, userInputs: string[] = []) =>
  (await loadStrength()).check(password, userInputs).score >= MIN_PASSWORD_SCORE;

/** Refuses common or easily guessed passwords, and ones made of the account's own email or name. */
export const IsStrongPassword = () =>
  ValidateBy({
    name: 'weakPassword',
    validator: {
      validate: async (value: unknown, args) => {
        const input = args?.object as { email?: unknown; displayName?: unknown } | undefined;
        const own = [input?.email, input?.displayName].filter((v): v is string => typeof v === 'string');
        return typeof value === 'string' && (await isStrongPassword(value, own));
      },
      defaultMessage: () => 'This password is too common or too easy to guess; use a longer phrase.',
    },
  });
