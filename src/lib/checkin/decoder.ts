/**
 * QR decoding from the camera, bundled with the app (nothing from a CDN: venues have bad
 * networks). The native `BarcodeDetector` where the browser has one (Android Chrome, Safari 17+);
 * elsewhere (Chromium on Linux, Firefox) jsQR, pure JavaScript, on a frame scaled to 640 wide.
 */
import jsQR from 'jsqr';

interface NativeDetector {
	detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = new (opts: { formats: string[] }) => NativeDetector;

export type FrameDecoder = ((video: HTMLVideoElement) => Promise<string | null>) & { kind: 'native' | 'jsqr' };

/** Decode times of the last frames (ms), for the scanner's footer and the browser journey. */
export const decodeTimes: number[] = [];
function timed(ms: number) {
	decodeTimes.push(ms);
	if (decodeTimes.length > 500) decodeTimes.shift();
}

export function decodeImageData(img: ImageData): string | null {
	const t0 = performance.now();
	// Badges print dark on light: skipping the inverted pass halves the time per frame.
	const r = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
	timed(performance.now() - t0);
	return r?.data ?? null;
}

export async function createDecoder(forceJs = false): Promise<FrameDecoder> {
	const Native = (globalThis as unknown as { BarcodeDetector?: DetectorCtor & { getSupportedFormats?: () => Promise<string[]> } }).BarcodeDetector;
	if (Native && !forceJs) {
		try {
			const formats = (await Native.getSupportedFormats?.()) ?? ['qr_code'];
			if (formats.includes('qr_code')) {
				const detector = new Native({ formats: ['qr_code'] });
				const fn = (async (video: HTMLVideoElement) => {
					const t0 = performance.now();
					const found = await detector.detect(video);
					timed(performance.now() - t0);
					return found[0]?.rawValue ?? null;
				}) as FrameDecoder;
				fn.kind = 'native';
				return fn;
			}
		} catch {
			/* fall back to jsQR */
		}
	}
	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
	const fn = (async (video: HTMLVideoElement) => {
		const w = video.videoWidth;
		const h = video.videoHeight;
		if (!w || !h) return null;
		const scale = Math.min(1, 640 / w);
		canvas.width = Math.round(w * scale);
		canvas.height = Math.round(h * scale);
		ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
		return decodeImageData(ctx.getImageData(0, 0, canvas.width, canvas.height));
	}) as FrameDecoder;
	fn.kind = 'jsqr';
	return fn;
}
