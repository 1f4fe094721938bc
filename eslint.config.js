import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'src/lib/paraglide/', 'node_modules/', 'data/', 'bench/results/', 'static/vendor/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
			'@typescript-eslint/no-explicit-any': 'error',
			// Routes and components link with plain hrefs; SvelteKit resolves them.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Routes never touch the database directly: they call a domain verb.
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['drizzle-orm', 'drizzle-orm/*', '$lib/server/db', '$lib/server/db/*'], message: 'Call a domain verb from $lib/server/<domain> instead.' }] }
			]
		}
	},
	{
		// Domains know nothing of SvelteKit: its requests, errors and redirects are met only in each
		// domain's one adapter file (`kit.ts`) and in the house adapter layer `src/lib/server/http/`
		// (docs/DEVELOPMENT.md, "File roles").
		files: ['src/lib/server/**'],
		ignores: ['src/lib/server/*/kit.ts', 'src/lib/server/http/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*'], message: "Only a domain's kit.ts and src/lib/server/http/ import SvelteKit: return data or throw a DomainError here." }
					]
				}
			]
		}
	}
);
