/**
 * Password hashing with argon2id (OWASP's first choice), parameters from the OWASP cheat sheet
 * (19 MiB, 2 iterations, 1 lane). Slow on purpose; sign-up is excluded from throughput targets.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, { ...OPTIONS, algorithm: 2 /* Argon2id */ });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

/** A real hash of a random password, verified against when the account does not exist, so that
 * response time does not reveal which emails have accounts. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	return (decoy ??= hashPassword(crypto.randomUUID()));
}
