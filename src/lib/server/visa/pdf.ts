/**
 * The letter as a PDF: A4, Chinese and English, letterhead and seal images, a QR code to verify.
 *
 * Fonts. pdf-lib's own subsetting (`embedFont(..., { subset: true })`, @pdf-lib/fontkit) drops
 * glyphs of Noto Sans SC when the page is rendered: the text layer stays right, so pdftotext passes,
 * but pdftoppm shows most characters missing. Embedding the whole font works but weighs 6 MB per
 * letter, and fontkit's layout of the full font turns digits into glyphs with wrong widths. So:
 * - Latin text (names, numbers, dates, English) is set in the PDF standard Helvetica, nothing embedded;
 * - Chinese text is set in Noto Sans SC (OFL, @expo-google-fonts/noto-sans-sc), subset beforehand
 *   by HarfBuzz (`subset-font`) to exactly the characters of this letter and embedded as is.
 * Every string is split into runs by script and each run drawn with its font.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type PDFImage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { notoSansScSubset } from '../pdf/cjk-font';
import QRCode from 'qrcode';

/** Characters Helvetica (WinAnsi) can set; everything else goes to Noto Sans SC. */
const LATIN = /[\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/;
const isLatin = (ch: string) => LATIN.test(ch);

export interface LetterContent {
	number: string;
	issuedOn: string;
	title: { zh: string; en: string };
	to: { zh: string; en: string };
	body: { zh: string; en: string };
	facts: { label: string; value: string }[];
	itineraryTitle: string;
	itinerary: { date: string; plan: string }[];
	contactTitle: string;
	contact: string[];
	closing: { zh: string; en: string };
	signatory: string[];
	verifyText: string;
	verifyUrl: string;
	hostName: { zh: string; en: string };
	letterhead: Uint8Array | null;
	seal: Uint8Array | null;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);

class Writer {
	page!: PDFPage;
	y = 0;
	constructor(
		private doc: PDFDocument,
		private latin: PDFFont,
		private bold: PDFFont,
		private cjk: PDFFont
	) {
		this.newPage();
	}
	get width() {
		return A4[0] - 2 * MARGIN;
	}
	newPage() {
		this.page = this.doc.addPage(A4);
		this.y = A4[1] - MARGIN;
	}
	ensure(h: number) {
		if (this.y - h < MARGIN + 20) this.newPage();
	}
	runs(text: string): { text: string; latin: boolean }[] {
		const out: { text: string; latin: boolean }[] = [];
		for (const ch of text) {
			const latin = isLatin(ch);
			const last = out[out.length - 1];
			if (last && last.latin === latin) last.text += ch;
			else out.push({ text: ch, latin });
		}
		return out;
	}
	measure(text: string, size: number, bold = false): number {
		return this.runs(text).reduce((w, r) => w + (r.latin ? (bold ? this.bold : this.latin) : this.cjk).widthOfTextAtSize(r.text, size), 0);
	}
	draw(text: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: ReturnType<typeof rgb> } = {}) {
		for (const r of this.runs(text)) {
			const font = r.latin ? (opts.bold ? this.bold : this.latin) : this.cjk;
			this.page.drawText(r.text, { x, y, size, font, color: opts.color ?? INK });
			x += font.widthOfTextAtSize(r.text, size);
		}
	}
	/** Greedy line breaking: Latin words stay whole, Chinese breaks between any two characters. */
	wrap(text: string, size: number, width: number, bold = false): string[] {
		const tokens = text.match(/\s*[^\s\u2e80-\uffef]+|\s*[\u2e80-\uffef]|\s+/g) ?? [];
		const lines: string[] = [];
		let line = '';
		for (const tok of tokens) {
			const candidate = line ? line + tok : tok.trimStart();
			if (line && this.measure(candidate, size, bold) > width) {
				lines.push(line);
				line = tok.trimStart();
			} else line = candidate;
		}
		if (line) lines.push(line);
		return lines;
	}
	paragraph(text: string, size: number, opts: { bold?: boolean; color?: ReturnType<typeof rgb>; x?: number; width?: number; gap?: number } = {}) {
		const x = opts.x ?? MARGIN;
		const lead = size * 1.45;
		for (const line of this.wrap(text, size, opts.width ?? this.width, opts.bold)) {
			this.ensure(lead);
			this.y -= lead;
			this.draw(line, x, this.y, size, opts);
		}
		this.y -= opts.gap ?? size * 0.6;
	}
	image(img: PDFImage, x: number, y: number, maxW: number, maxH: number) {
		const s = Math.min(maxW / img.width, maxH / img.height, 1);
		this.page.drawImage(img, { x, y, width: img.width * s, height: img.height * s });
		return { width: img.width * s, height: img.height * s };
	}
}

async function embedImage(doc: PDFDocument, bytes: Uint8Array | null): Promise<PDFImage | null> {
	if (!bytes) return null;
	try {
		return bytes[0] === 0x89 ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
	} catch {
		return null;
	}
}

export async function renderLetterPdf(c: LetterContent): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	doc.setTitle(`${c.title.zh} ${c.title.en} ${c.number}`);
	doc.setProducer('Innovation Week');
	const chars = [...JSON.stringify({ ...c, letterhead: null, seal: null })].filter((ch) => !isLatin(ch)).join('') || '邀';
	const subset = await notoSansScSubset(chars);
	const cjk = await doc.embedFont(subset, { subset: false });
	const latin = await doc.embedFont(StandardFonts.Helvetica);
	const bold = await doc.embedFont(StandardFonts.HelveticaBold);
	const w = new Writer(doc, latin, bold, cjk);

	// Letterhead: the organizers' image across the top, or the host's name in both languages.
	const head = await embedImage(doc, c.letterhead);
	if (head) {
		const { height } = w.image(head, MARGIN, w.y - 70, w.width, 70);
		w.y -= height + 8;
	} else {
		w.y -= 16;
		w.draw(c.hostName.zh, MARGIN, w.y, 15, { bold: true });
		w.y -= 16;
		w.draw(c.hostName.en, MARGIN, w.y, 10, { color: MUTED });
		w.y -= 8;
	}
	w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: A4[0] - MARGIN, y: w.y }, thickness: 1, color: rgb(0.7, 0.1, 0.1) });
	const top = w.y;
	// The QR code top right, where a consulate officer looks first; the short URL in the footer.
	const qr = QRCode.create(c.verifyUrl, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const box = 62;
	const cell = box / n;
	const qx = A4[0] - MARGIN - box;
	const qy = top - 8 - box;
	for (let r = 0; r < n; r++) for (let col = 0; col < n; col++) if (qr.modules.get(r, col)) w.page.drawRectangle({ x: qx + col * cell, y: qy + box - (r + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
	const footer = w.wrap(c.verifyText, 7.5, w.width);
	footer.forEach((line, i) => w.draw(line, MARGIN, MARGIN - 14 - i * 10, 7.5, { color: MUTED }));
	w.y = top - 30;
	const title = `${c.title.zh}  ${c.title.en.toUpperCase()}`;
	w.draw(title, (A4[0] - w.measure(title, 18, true)) / 2, w.y, 18, { bold: true });
	w.y -= 18;
	const meta = `${c.number}   ·   ${c.issuedOn}`;
	w.draw(meta, (A4[0] - w.measure(meta, 9)) / 2, w.y, 9, { color: MUTED });
	w.y = Math.min(w.y - 6, qy - 2);

	w.paragraph(c.to.zh, 10.5, { gap: 2 });
	w.paragraph(c.body.zh, 10.5);
	w.paragraph(c.to.en, 9.5, { gap: 2, color: MUTED });
	w.paragraph(c.body.en, 9.5, { color: MUTED });

	// The person, as in the passport: three columns, each label above its value.
	const colW = w.width / 3;
	for (let i = 0; i < c.facts.length; i += 3) {
		w.ensure(26);
		w.y -= 11;
		c.facts.slice(i, i + 3).forEach((f, k) => w.draw(f.label, MARGIN + k * colW, w.y, 7.5, { color: MUTED }));
		w.y -= 13;
		c.facts.slice(i, i + 3).forEach((f, k) => w.draw(f.value, MARGIN + k * colW, w.y, 10, { bold: true }));
		w.y -= 4;
	}
	w.y -= 10;

	w.ensure(40);
	w.paragraph(c.itineraryTitle, 11, { bold: true, gap: 2 });
	for (const d of c.itinerary) {
		const lines = w.wrap(d.plan, 9, w.width - 90);
		w.ensure(lines.length * 13 + 4);
		w.y -= 13;
		w.draw(d.date, MARGIN, w.y, 9, { bold: true });
		lines.forEach((line, i) => {
			if (i) w.y -= 13;
			w.draw(line, MARGIN + 90, w.y, 9);
		});
		w.y -= 3;
	}
	w.y -= 12;

	// Contact and closing on the left, the signatory with the seal over it on the right.
	const leftW = w.width - 215;
	const blockTop = w.y;
	const leftLines = [c.contactTitle, ...c.contact.flatMap((l) => w.wrap(l, 8.5, leftW)), '', ...w.wrap(c.closing.zh, 10, leftW), ...w.wrap(c.closing.en, 9, leftW)];
	w.ensure(Math.max(leftLines.length * 13, 118));
	let ly = w.y;
	leftLines.forEach((line, i) => {
		ly -= 13;
		if (line) w.draw(line, MARGIN, ly, i === 0 ? 11 : 8.5, { bold: i === 0 });
	});
	const sx = A4[0] - MARGIN - 200;
	let sy = (w.y === blockTop ? blockTop : w.y) - 16;
	const sigTop = sy + 16;
	const seal = await embedImage(doc, c.seal);
	if (seal) w.image(seal, sx + 50, sigTop - 112, 108, 108);
	for (const line of c.signatory.flatMap((l) => w.wrap(l, 10, 200))) {
		w.draw(line, sx, sy, 10);
		sy -= 14;
	}
	w.y = Math.min(ly, sigTop - 118);
	return doc.save();
}
