/**
 * Input schemas of visa invitation letters, shared by the form actions and the JSON API. Checks that
 * need the edition (dates around the event) or the region list are the domain's (visa/rules.ts).
 */
import { z } from 'zod';
import { str } from './text';

export const SEXES = ['F', 'M', 'X'] as const;
export const ENTRIES = ['single', 'double'] as const;
export const VISA_STATUSES = ['submitted', 'correction', 'approved', 'rejected', 'revoked', 'withdrawn'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (msg = 'v_date') =>
	str({ error: 'v_required' })
		.trim()
		.min(1, { error: 'v_required' })
		.refine((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: msg });
const text = (max: number) => str({ error: 'v_required' }).trim().min(1, { error: 'v_required' }).max(max);

/** Adds months to an ISO date (the 31st clamps to the month's last day, as consulates count). */
export function addMonths(iso: string, months: number): string {
	if (!ISO_DATE.test(iso)) return '';
	const [y, m, d] = iso.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

export const visaRequestSchema = z
	.object({
		/** For partner representatives (and organizers): the delegate's registration. */
		registrationId: str().trim().optional().transform((v) => v || undefined),
		passportName: str({ error: 'v_required' })
			.trim()
			.min(1, { error: 'v_required' })
			.max(100)
			.transform((s) => s.replace(/\s+/g, ' ').toUpperCase())
			.refine((s) => /^[A-Z][A-Z' -]*[A-Z]$/.test(s), { error: 'v_visa_passport_name' }),
		nationality: str({ error: 'v_required' })
			.trim()
			.toUpperCase()
			.regex(/^[A-Z]{2}$/, { error: 'v_visa_nationality' }),
		passportNumber: str({ error: 'v_required' })
			.trim()
			.min(1, { error: 'v_required' })
			.transform((s) => s.replace(/\s+/g, '').toUpperCase())
			.refine((s) => /^[A-Z0-9]{5,20}$/.test(s), { error: 'v_visa_passport_number' }),
		passportExpiry: isoDate(),
		dateOfBirth: isoDate(),
		sex: z.enum(SEXES, { error: 'v_choice' }),
		employer: text(200),
		position: text(120),
		entryDate: isoDate(),
		exitDate: isoDate(),
		consulate: text(120),
		entries: z.enum(ENTRIES, { error: 'v_choice' })
	})
	.superRefine((v, ctx) => {
		// zod runs this even when a field above failed: compare dates only once each one is a date.
		if (![v.dateOfBirth, v.entryDate, v.exitDate, v.passportExpiry].every((d) => typeof d === 'string' && ISO_DATE.test(d))) return;
		const today = new Date().toISOString().slice(0, 10);
		if (v.dateOfBirth >= today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'v_visa_dob_future' });
		else if (v.dateOfBirth < '1900-01-01') ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'v_date' });
		if (v.entryDate > v.exitDate) ctx.addIssue({ code: 'custom', path: ['exitDate'], message: 'v_visa_exit_before_entry' });
		// Chinese consulates ask for a passport valid at least six months beyond the planned exit.
		if (v.passportExpiry < addMonths(v.exitDate, 6)) ctx.addIssue({ code: 'custom', path: ['passportExpiry'], message: 'v_visa_passport_expiry' });
	});
export type VisaRequestInput = z.infer<typeof visaRequestSchema>;

export const visaDecisionSchema = z.object({
	note: str().trim().max(1000).optional().transform((v) => v || undefined)
});
/** Rejections and corrections must say why. */
export const visaReasonSchema = z.object({
	note: str({ error: 'v_visa_reason' }).trim().min(1, { error: 'v_visa_reason' }).max(1000)
});

export const visaSettingsSchema = z.object({
	hostNameZh: text(200),
	hostNameEn: text(200),
	hostAddressZh: text(300),
	hostAddressEn: text(300),
	contactName: text(100),
	contactPhone: text(40),
	contactEmail: str({ error: 'v_required' }).trim().email({ error: 'v_email' }).max(200),
	signatoryNameZh: text(100),
	signatoryNameEn: text(100),
	signatoryTitleZh: text(100),
	signatoryTitleEn: text(100),
	numberPrefix: str({ error: 'v_required' })
		.trim()
		.regex(/^[A-Z0-9-]{2,20}$/, { error: 'v_visa_prefix' }),
	purgeAfterDays: z
		.union([z.literal(''), z.coerce.number({ error: 'v_number' }).int().min(0).max(3650)])
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : v))
});
export type VisaSettingsInput = z.infer<typeof visaSettingsSchema>;

export const visaListQuerySchema = z.object({
	status: z.enum(VISA_STATUSES).optional()
});
