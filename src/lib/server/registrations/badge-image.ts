/** The badge QR code as an image: SVG for pages, PNG to download. Error correction M, as the code format was sized for. */
import QRCode from 'qrcode';
import { DomainError } from '../errors';
import type { Actor } from '../auth/access';
import { get } from './index';

/** The current badge code of a registration the actor may see, or not_found when none is valid. */
export async function badgeCode(actor: Actor, id: string): Promise<string> {
	const g = await get(actor, id);
	if (g.registration.status !== 'approved' || !g.badge) throw new DomainError('not_found');
	return g.badge.code;
}

export function qrSvg(code: string): Promise<string> {
	return QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export function qrPng(code: string, width = 512): Promise<Buffer> {
	return QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
}
