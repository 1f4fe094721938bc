/**
 * The printable badge: a 90 × 130 mm PDF with the QR code, the name in both scripts where given,
 * the organisation and the category colour. Chinese renders because Noto Sans SC (OFL, shipped in
 * the @expo-google-fonts/noto-sans-sc package, so nothing is fetched at run time) is embedded as a
 * subset holding only the glyphs used, which keeps each PDF small. The subset is cut by HarfBuzz
 * (subset-font, harfbuzzjs in WebAssembly) and embedded whole: pdf-lib's own subsetting through
 * @pdf-lib/fontkit writes glyphs of this font that viewers cannot draw (poppler, Ghostscript and
 * Chromium showed "Newc e a" for "Newcomer Jane" while the text layer was right).
 */
import { PDFDocument, rgb } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { notoSansScSubset } from '../pdf/cjk-font';
import QRCode from 'qrcode';
import { pick } from '$lib/i18n/text';
import type { Actor } from '../auth/access';
import { DomainError } from '../errors';
import { get } from './reading';

const MM = 72 / 25.4;
const WIDTH = 90 * MM;
const HEIGHT = 130 * MM;
function hexColor(hex: string) {
	const n = Number.parseInt(hex.replace('#', ''), 16);
	return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

export interface BadgeFace {
	code: string;
	name: string;
	nameZh: string | null;
	organization: string | null;
	category: string;
	color: string;
	event: string;
}

export async function renderBadgePdf(face: BadgeFace): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	doc.setTitle(`${face.name} · ${face.event}`);
	const texts = [face.event, face.nameZh ?? '', face.name, face.organization ?? '', face.category];
	const cut = await notoSansScSubset(texts.join(''));
	const f = await doc.embedFont(cut, { subset: false });
	const pageObj = doc.addPage([WIDTH, HEIGHT]);
	const color = hexColor(face.color);
	// Category band at the top and bottom, so door staff tell categories apart from afar.
	pageObj.drawRectangle({ x: 0, y: HEIGHT - 16 * MM, width: WIDTH, height: 16 * MM, color });
	pageObj.drawRectangle({ x: 0, y: 0, width: WIDTH, height: 10 * MM, color });
	const centred = (text: string, y: number, size: number, c = rgb(0, 0, 0)) => {
		let s = size;
		while (s > 7 && f.widthOfTextAtSize(text, s) > WIDTH - 10 * MM) s -= 0.5;
		pageObj.drawText(text, { x: (WIDTH - f.widthOfTextAtSize(text, s)) / 2, y, size: s, font: f, color: c });
	};
	centred(face.event, HEIGHT - 10 * MM, 10, rgb(1, 1, 1));

	const qr = QRCode.create(face.code, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const box = 62 * MM;
	const cell = box / (n + 8);
	const x0 = (WIDTH - box) / 2;
	const y0 = HEIGHT - 22 * MM - box;
	for (let r = 0; r < n; r++) {
		for (let c = 0; c < n; c++) {
			if (qr.modules.get(r, c)) pageObj.drawRectangle({ x: x0 + (c + 4) * cell, y: y0 + box - (r + 5) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
		}
	}
	let y = y0 - 10 * MM;
	if (face.nameZh) {
		centred(face.nameZh, y, 22);
		y -= 9 * MM;
	}
	centred(face.name, y, face.nameZh ? 14 : 20);
	y -= 7 * MM;
	if (face.organization) centred(face.organization, y, 10, rgb(0.25, 0.25, 0.25));
	centred(face.category, 3.5 * MM, 10, rgb(1, 1, 1));
	return doc.save();
}

/** The badge PDF of a registration the actor may see (owner or organizer), approved with a valid badge. */
export async function badgePdf(actor: Actor, id: string, locale: string): Promise<Uint8Array> {
	const g = await get(actor, id);
	if (g.registration.status !== 'approved' || !g.badge) throw new DomainError('not_found');
	return renderBadgePdf({
		code: g.badge.code,
		name: g.person.name,
		nameZh: g.person.nameZh,
		organization: g.person.organization,
		category: `${g.category.name.zh} ${g.category.name.en}`.trim(),
		color: g.category.color,
		event: pick(g.event.name, locale)
	});
}
