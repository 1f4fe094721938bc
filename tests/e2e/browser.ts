/** Launches Debian's Chromium through playwright-core with the flags this machine needs. */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

export function launch(opts: LaunchOptions & { extraArgs?: string[] } = {}): Promise<Browser> {
	const { extraArgs = [], ...rest } = opts;
	return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], ...rest });
}

/** Saves a screenshot under test-results/ for people to look at when a journey fails or passes. */
export async function snap(page: import('playwright-core').Page, name: string) {
	const dir = path.resolve('test-results');
	fs.mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

export function assert(cond: unknown, message: string): asserts cond {
	if (!cond) throw new Error(message);
}
