/**
 * The viewer's overlay on a page shared by everyone of a role (`src/lib/server/http/page-cache.ts`):
 * a JSON data block with their stars and a style showing them pressed. Read once after hydration;
 * the style is then removed, the page's own state shows the stars from there on.
 */
export interface Overlay {
	starred: string[];
}

export function readOverlay(): Overlay | null {
	const el = document.getElementById('hw-personal');
	if (!el) return null;
	let value: Overlay | null = null;
	try {
		const parsed = JSON.parse(el.textContent ?? '');
		if (parsed && Array.isArray(parsed.starred)) value = { starred: parsed.starred.filter((x: unknown) => typeof x === 'string') };
	} catch {
		value = null;
	}
	el.remove();
	document.getElementById('hw-stars')?.remove();
	return value;
}
