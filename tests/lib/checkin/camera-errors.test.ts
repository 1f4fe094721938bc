import { describe, expect, it } from 'vitest';
import { cameraProblem } from '../../../src/lib/checkin/camera-errors';
import zh from '../../../messages/public/zh-CN.json';
import en from '../../../messages/public/en.json';

const domError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('camera problems', () => {
	it('picks the sentence by the error name, never the browser message', () => {
		expect(
			[
				domError('NotFoundError', 'Requested device not found'),
				domError('NotAllowedError', 'Permission denied'),
				domError('NotReadableError', 'Could not start video source'),
				domError('OverconstrainedError', ''),
				domError('SecurityError', ''),
				new Error('something else'),
				'a string'
			].map((e) => cameraProblem(e))
		).toEqual(['pub_camera_missing', 'pub_camera_denied', 'pub_camera_busy', 'pub_camera_missing', 'pub_camera_insecure', 'pub_camera_other', 'pub_camera_other']);
		expect(cameraProblem(domError('NotFoundError', ''), false)).toBe('pub_camera_insecure');
	});

	it('has every sentence in both languages, the Chinese one without English words', () => {
		for (const key of ['pub_camera_denied', 'pub_camera_missing', 'pub_camera_busy', 'pub_camera_insecure', 'pub_camera_other'] as const) {
			expect(en[key]).toMatch(/camera/i);
			expect(zh[key]).toMatch(/相机/);
			expect(zh[key].replace(/https/g, '')).not.toMatch(/[A-Za-z]{3,}/);
		}
	});
});
