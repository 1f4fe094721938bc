/**
 * What to tell the person at the door when the camera does not start. getUserMedia rejects with a
 * DOMException whose message is the browser's own English ("Requested device not found"); its `name`
 * says what happened, so that is what picks the sentence, in the scanner's language.
 */
export type CameraProblem = 'pub_camera_denied' | 'pub_camera_missing' | 'pub_camera_busy' | 'pub_camera_insecure' | 'pub_camera_other';

export function cameraProblem(e: unknown, secureContext = true): CameraProblem {
	if (!secureContext) return 'pub_camera_insecure';
	const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
	switch (name) {
		case 'NotAllowedError':
		case 'PermissionDeniedError':
			return 'pub_camera_denied';
		case 'NotFoundError':
		case 'DevicesNotFoundError':
		case 'OverconstrainedError':
			return 'pub_camera_missing';
		case 'NotReadableError':
		case 'TrackStartError':
		case 'AbortError':
			return 'pub_camera_busy';
		case 'SecurityError':
			return 'pub_camera_insecure';
		default:
			return 'pub_camera_other';
	}
}
