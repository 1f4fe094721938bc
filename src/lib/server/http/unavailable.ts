/**
 * The 503 page served while the database is away (or, with other messages, while the server is
 * overloaded: `admission.ts`): self-contained, localized, no stack trace.
 */
import { t } from '$lib/i18n/errors';
import type { Locale } from '$lib/i18n/text';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function unavailablePage(
	locale: Locale,
	requestId: string,
	text: { title: string; body: string; retryAfter?: string } = { title: 'err_unavailable_title', body: 'err_unavailable_body' }
): Response {
	const title = t(text.title, locale);
	const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>503 · ${esc(title)}</title>
<style>body{font-family:system-ui,'PingFang SC','Noto Sans CJK SC',sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111827}p.muted{color:#4b5563}</style></head>
<body><p class="muted">503</p><h1>${esc(title)}</h1><p>${esc(t(text.body, locale))}</p><p class="muted">${esc(t('err_request_id', locale, { id: requestId }))}</p></body></html>`;
	return new Response(html, {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'retry-after': text.retryAfter ?? '5',
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
		}
	});
}
