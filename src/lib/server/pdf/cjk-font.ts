/**
 * Noto Sans SC for the PDFs (badge, visa letter), cut to the characters a document uses.
 *
 * The font ships in an npm package (@expo-google-fonts/noto-sans-sc, OFL), so nothing is fetched at
 * run time. The subset is cut by HarfBuzz (subset-font, harfbuzzjs in WebAssembly) and must then be
 * embedded whole (`embedFont(bytes, { subset: false })`): pdf-lib's own subsetting through
 * @pdf-lib/fontkit writes glyphs of this font that viewers cannot draw (poppler, Ghostscript and
 * Chromium showed "Newc e a" for "Newcomer Jane" while the text layer was right, so only a rendered
 * page shows the fault). Check a PDF by rendering it: `pdftoppm -r 80 -png`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

const FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

let fontBytes: Buffer | undefined;

/** The whole font file, read once per process. */
export function notoSansSc(): Buffer {
	if (!fontBytes) {
		let file: string;
		try {
			file = createRequire(import.meta.url).resolve(FONT_FILE);
		} catch {
			file = path.resolve('node_modules', FONT_FILE);
		}
		fontBytes = fs.readFileSync(file);
	}
	return fontBytes;
}

/** A TrueType subset holding the glyphs of `text`, to embed with `{ subset: false }`. */
export function notoSansScSubset(text: string): Promise<Buffer> {
	const chars = [...new Set(text)].join('');
	return subsetFont(notoSansSc(), chars, { targetFormat: 'truetype' });
}
