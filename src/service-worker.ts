/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Offline for the scanner: after one visit, `/scan/...` loads with no network. The app's built
 * assets are cached at install (they are content-hashed, so cache-first is safe); scanner pages
 * are network-first with the last good copy as the fallback. Everything else — other pages, the
 * API — goes to the network untouched: the scanner keeps its data in IndexedDB, not here.
 *
 * The scanner's WebAssembly QR decoder (about 1 MB) is the exception to caching at install: every
 * visitor's phone would download it. It is cached the first time the scanner loads it through this
 * worker (the scanner asks again when a new worker takes control), like the scanner pages themselves;
 * without it the scanner decodes with jsQR.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `assets-${version}`;
const PAGES = 'scanner-pages';
const onFirstUse = build.filter((f) => f.endsWith('.wasm'));
const precache = [...build.filter((f) => !onFirstUse.includes(f)), ...files.filter((f) => !f.endsWith('.map'))];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(ASSETS);
			await cache.addAll(precache);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== ASSETS && key !== PAGES) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

const isScannerPage = (url: URL) => url.pathname === '/scan' || url.pathname.startsWith('/scan/');

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET') return;
	const url = new URL(req.url);
	if (url.origin !== sw.location.origin) return;

	if (precache.includes(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(req)));
		return;
	}
	if (onFirstUse.includes(url.pathname)) {
		event.respondWith(
			(async () => {
				const cache = await caches.open(ASSETS);
				const hit = await cache.match(url.pathname);
				if (hit) return hit;
				const res = await fetch(req);
				if (res.ok) await cache.put(url.pathname, res.clone());
				return res;
			})()
		);
		return;
	}
	if (req.mode === 'navigate' && isScannerPage(url)) {
		event.respondWith(
			(async () => {
				const cache = await caches.open(PAGES);
				try {
					const res = await fetch(req);
					if (res.ok) await cache.put(url.pathname, res.clone());
					return res;
				} catch {
					// The scanner renders in the browser (ssr off), so any cached scanner page can stand in.
					const hit = (await cache.match(url.pathname)) ?? (await cache.match(`/scan/${url.pathname.split('/')[2] ?? ''}`));
					if (hit) return hit;
					const any = (await cache.keys())[0];
					return (any && (await cache.match(any))) || new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain' } });
				}
			})()
		);
		return;
	}
	// The client-side router's data requests for scanner pages: best effort from cache when offline.
	if (isScannerPage(url) && url.pathname.endsWith('/__data.json')) {
		event.respondWith(
			(async () => {
				const cache = await caches.open(PAGES);
				try {
					const res = await fetch(req);
					if (res.ok) await cache.put(req, res.clone());
					return res;
				} catch {
					return (await cache.match(req)) ?? Response.error();
				}
			})()
		);
	}
});
