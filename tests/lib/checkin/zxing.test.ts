/**
 * The scanner's zxing-wasm options on badge-like frames: 640×480, the code at any angle, blurred and
 * noisy. (The browser journey checks the real thing in Chromium, upright; this covers the options.)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { readerOptions } from '$lib/checkin/zxing';

const W = 640;
const H = 480;
const CODE = `HW1:ABCD:ABCDEFGHIJ:12:${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(4).slice(0, 103)}`;

/** A grey frame with the badge's QR (quiet zone included) `side` pixels wide, turned by `deg`. */
function frame(deg: number, side: number, { noise = 0, dark = 16, light = 235 } = {}) {
	const qr = QRCode.create(CODE, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size + 8;
	const [cos, sin] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
	const data = new Uint8ClampedArray(W * H * 4);
	let seed = 7;
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++) {
			// Back-rotate the pixel into the code's own grid; 4 samples per pixel soften the edges.
			let sum = 0;
			for (const [ox, oy] of [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]]) {
				const [dx, dy] = [x + ox - W / 2, y + oy - H / 2];
				const u = ((cos * dx + sin * dy) / side + 0.5) * n - 4;
				const v = ((-sin * dx + cos * dy) / side + 0.5) * n - 4;
				const inCode = u >= -4 && v >= -4 && u < n - 4 && v < n - 4;
				const isDark = inCode && u >= 0 && v >= 0 && u < n - 8 && v < n - 8 && qr.modules.get(Math.floor(v), Math.floor(u));
				sum += isDark ? dark : inCode ? light : 120;
			}
			seed = (seed * 16807) % 2147483647;
			const g = sum / 4 + (seed / 2147483647 - 0.5) * noise;
			data.set([g, g, g, 255], (y * W + x) * 4);
		}
	return { data, width: W, height: H, colorSpace: 'srgb' } as ImageData;
}

beforeAll(async () => {
	const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
	await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
});

describe('zxing-wasm with the scanner options', () => {
	it.each([0, 17, 45, 90, 160, 250])('reads the badge turned by %i°', async (deg) => {
		const found = await readBarcodes(frame(deg, 300), readerOptions);
		expect(found.map((r) => r.text)).toEqual([CODE]);
	});

	it('reads a small, noisy, low-contrast badge', async () => {
		const found = await readBarcodes(frame(10, 200, { noise: 40, dark: 70, light: 170 }), readerOptions);
		expect(found.map((r) => r.text)).toEqual([CODE]);
	});

	it('finds nothing in an empty frame', async () => {
		expect(await readBarcodes(frame(0, 0.0001), readerOptions)).toEqual([]);
	});
});
