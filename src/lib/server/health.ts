/** Liveness of the app's dependencies, for `GET /healthz` and load balancers. */
import { ping } from './db';

export async function check() {
	return ping();
}
