import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Inline scripts SvelteKit emits get a hash; nothing else may run inline. 'wasm-unsafe-eval' lets
		// the scanner compile its WebAssembly QR decoder (served by the app); it allows no JavaScript eval.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'media-src': ['self', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		// The cross-site form check runs in hooks.server.ts (`csrf`) instead, the same rule, so the API
		// can answer it in its JSON error shape; SvelteKit's own answers without a content type.
		csrf: { trustedOrigins: ['*'] },
		alias: { $tests: 'tests' }
	}
};

export default config;
