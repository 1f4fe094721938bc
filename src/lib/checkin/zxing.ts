/**
 * zxing-cpp compiled to WebAssembly (the `zxing-wasm` package, reader only), imported lazily by the
 * scanner's decoder. The package fetches its .wasm from a CDN by default: here it comes from the app's
 * own build (a content-hashed asset the service worker keeps for offline use), since venues have bad
 * networks and the CSP allows no other origin.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * Badges are QR codes printed dark on light: no inverted pass and no rotated passes (the QR detector
 * finds the code at any angle by its finder patterns; rotation only helps linear barcodes), one symbol
 * per frame. `tryHarder` stays on: it costs little and helps with real, blurred camera frames.
 */
export const readerOptions: ReaderOptions = { formats: ['QRCode'], tryRotate: false, tryInvert: false, maxNumberOfSymbols: 1 };

/** Compiles the WebAssembly module (once per page) and returns a decoder of RGBA frames. */
export async function loadZxing(): Promise<(img: ImageData) => Promise<string | null>> {
	await prepareZXingModule({
		overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
		fireImmediately: true
	});
	keepForOffline();
	return async (img) => (await readBarcodes(img, readerOptions))[0]?.text ?? null;
}

/**
 * The service worker caches the .wasm when it passes through it. A worker that takes control after the
 * page loaded it (a phone's first visit, or an update of the app, whose worker starts with empty
 * caches) is asked for it again; the file is immutable, so that comes from the HTTP cache.
 */
let keeping = false;
function keepForOffline() {
	if (keeping) return;
	keeping = true;
	navigator.serviceWorker?.addEventListener('controllerchange', () => void fetch(wasmUrl).catch(() => {}));
}
