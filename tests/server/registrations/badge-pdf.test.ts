import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';

const hasPoppler = (() => {
	try {
		execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderBadgePdf } from '$lib/server/registrations/badge-pdf';

const hasTesseract = (() => {
	try {
		return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).includes('chi_sim');
	} catch {
		return false;
	}
})();

describe('printable badge', () => {
	// poppler-utils (pdftotext, pdfinfo) is installed by CI; a Node-only machine reports this as skipped.
	it.skipIf(!hasPoppler)('is a 90 × 130 mm PDF whose text (Chinese included) pdftotext can read back', async () => {
		const pdf = await renderBadgePdf({
			code: 'HW1:ABCD:ABCDEFGHJK:1:' + 'A'.repeat(103),
			name: 'Lena Example',
			nameZh: '示例琳',
			organization: '大连高新区 Incubator',
			category: '海外人才 Overseas talent',
			color: '#1d4ed8',
			event: '海创周 2018'
		});
		expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
		// The font is embedded as a subset: the file stays small.
		expect(pdf.length).toBeLessThan(200_000);
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'badge-')), 'badge.pdf');
		fs.writeFileSync(file, pdf);
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		for (const s of ['示例琳', 'Lena Example', '大连高新区', '海外人才', 'Overseas talent', '海创周']) expect(text).toContain(s);
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
		expect(Math.round((Number(w) * 25.4) / 72)).toBe(90);
		expect(Math.round((Number(h) * 25.4) / 72)).toBe(130);
	});

	// The text layer can be right while the glyphs are not drawn (pdf-lib's own subsetting did that):
	// render the page as a printer would, then read the words back from the pixels.
	it.skipIf(!hasPoppler || !hasTesseract)('draws every glyph: the name and organisation read back from the rendered page by OCR', async () => {
		const t0 = Date.now();
		const pdf = await renderBadgePdf({
			code: 'HW1:ABCD:ABCDEFGHJK:1:' + 'A'.repeat(103),
			name: 'Newcomer Jane',
			nameZh: '示例琳',
			organization: '大连高新区 Incubator',
			category: '海外人才 Overseas talent',
			color: '#1d4ed8',
			event: '2018 中国海创周'
		});
		const ms = Date.now() - t0;
		expect(pdf.length).toBeLessThan(60_000);
		expect(ms).toBeLessThan(5_000);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'badge-ocr-'));
		fs.writeFileSync(path.join(dir, 'badge.pdf'), pdf);
		execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', path.join(dir, 'badge.pdf'), path.join(dir, 'badge')]);
		const seen = execFileSync('tesseract', [path.join(dir, 'badge.png'), '-', '-l', 'eng+chi_sim'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, '');
		for (const s of ['NewcomerJane', '示例琳', '大连高新区Incubator']) expect(seen).toContain(s);
	});
});
