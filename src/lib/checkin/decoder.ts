/**
 * QR decoding from the camera, bundled with the app (nothing from a CDN: venues have bad networks).
 * In order of preference:
 * 1. the native `BarcodeDetector` where the browser has one (Android Chrome, Safari 17+);
 * 2. zxing-cpp compiled to WebAssembly (`./zxing.ts`, loaded only by the scanner), about five times
 *    faster than jsQR on a 640×480 frame;
 * 3. jsQR, pure JavaScript: it answers while the WebAssembly module is still loading (a slow network
 *    on the first visit) and for good if it cannot load (an old browser, a CSP without
 *    'wasm-unsafe-eval').
 * Frames are scaled to 640 wide before decoding.
 */

interface NativeDetector {
	detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = (new (opts: { formats: string[] }) => NativeDetector) & { getSupportedFormats?: () => Promise<string[]> };

export type DecoderKind = 'native' | 'zxing' | 'jsqr';
/** `auto`: native, else zxing, else jsQR. The others skip the native detector (to compare on a phone). */
export type DecoderChoice = 'auto' | 'zxing' | 'jsqr';

export interface FrameDecoder {
	/** The decoder answering now: jsQR may stand in until the WebAssembly one has loaded. */
	readonly kind: DecoderKind;
	/** Decodes the video's current frame. */
	frame(video: HTMLVideoElement): Promise<string | null>;
	/** Decodes a still frame with the same decoder: for the browser journey and checking a phone's speed. */
	image(img: ImageData): Promise<string | null>;
}

type ImageDecoder = (img: ImageData) => Promise<string | null>;

/** Decode times of the last frames (ms), for the browser journey and checking a phone's speed. */
export const decodeTimes: number[] = [];
async function timed<T>(work: Promise<T> | T, t0: number): Promise<T> {
	const r = await work;
	decodeTimes.push(performance.now() - t0);
	if (decodeTimes.length > 500) decodeTimes.shift();
	return r;
}

async function jsqrDecoder(): Promise<ImageDecoder> {
	const { default: jsQR } = await import('jsqr');
	// Badges print dark on light: skipping the inverted pass halves the time per frame.
	return async (img) => jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

async function nativeDetector(): Promise<NativeDetector | null> {
	const Native = (globalThis as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
	if (!Native) return null;
	try {
		const formats = (await Native.getSupportedFormats?.()) ?? ['qr_code'];
		return formats.includes('qr_code') ? new Native({ formats: ['qr_code'] }) : null;
	} catch {
		return null;
	}
}

/**
 * The scanner's decoder. Resolves at once with the native detector, or with zxing once it has loaded;
 * if zxing has not loaded within `waitMs`, with jsQR, which zxing replaces as soon as it is ready.
 */
export async function createDecoder(choice: DecoderChoice = 'auto', { waitMs = 3000 } = {}): Promise<FrameDecoder> {
	const native = choice === 'auto' ? await nativeDetector() : null;
	if (native)
		return {
			kind: 'native',
			frame: async (video) => (await timed(native.detect(video), performance.now()))[0]?.rawValue ?? null,
			image: async (img) => (await timed(native.detect(img), performance.now()))[0]?.rawValue ?? null
		};

	let kind: DecoderKind = 'jsqr';
	let decode: ImageDecoder | null = null;
	if (choice !== 'jsqr') {
		const zxing = import('./zxing').then((m) => m.loadZxing());
		const ready = await Promise.race([zxing.catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), waitMs))]);
		if (ready) [kind, decode] = ['zxing', ready];
		else
			zxing.then(
				(z) => ([kind, decode] = ['zxing', z]),
				(e) => console.warn('QR: WebAssembly decoder unavailable, using jsQR', e)
			);
	}
	if (!decode) {
		const js = await jsqrDecoder();
		decode ??= js; // zxing may have arrived meanwhile
	}

	const canvas = document.createElement('canvas');
	const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
	const image = (img: ImageData) => timed(decode!(img), performance.now());
	return {
		get kind() {
			return kind;
		},
		image,
		frame: async (video) => {
			const w = video.videoWidth;
			const h = video.videoHeight;
			if (!w || !h) return null;
			const scale = Math.min(1, 640 / w);
			canvas.width = Math.round(w * scale);
			canvas.height = Math.round(h * scale);
			ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
			return image(ctx.getImageData(0, 0, canvas.width, canvas.height));
		}
	};
}
