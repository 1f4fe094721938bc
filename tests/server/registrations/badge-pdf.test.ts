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
});
