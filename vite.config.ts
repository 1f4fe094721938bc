import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Under Vitest the messages are compiled once by the global setup: the plugin's file watcher
		// would otherwise keep the test process alive after the run.
		...(process.env.VITEST
			? []
			: [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						strategy: ['cookie', 'preferredLanguage', 'baseLocale']
					})
				]),
		sveltekit()
	],
	server: { port: 5173 },
	test: {
		include: ['tests/**/*.test.ts'],
		exclude: ['tests/e2e/**'],
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Two cores: a few files at a time, each with its own in-memory database.
		pool: 'forks',
		maxWorkers: 2,
		fileParallelism: true
	}
});
