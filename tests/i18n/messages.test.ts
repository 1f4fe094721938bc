import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8'));
const patterns: string[] = [].concat(settings['plugin.inlang.messageFormat'].pathPattern);

function load(locale: string) {
	const all: Record<string, string> = {};
	for (const p of patterns) {
		const file = path.resolve(p.replace('{locale}', locale));
		const json = JSON.parse(fs.readFileSync(file, 'utf8'));
		for (const [k, v] of Object.entries(json)) if (k !== '$schema') {
			expect(all[k], `${k} defined twice`).toBeUndefined();
			all[k] = v as string;
		}
	}
	return all;
}

describe('messages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	it('has every key in both languages', () => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
		expect(Object.keys(zh).length).toBeGreaterThan(150);
	});
	it('has no empty message and the same placeholders in both languages', () => {
		const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(en)) {
			expect(en[key].trim(), key).not.toBe('');
			expect(zh[key].trim(), key).not.toBe('');
			expect(vars(zh[key]), key).toEqual(vars(en[key]));
		}
	});
	it('writes the Chinese side in Chinese', () => {
		const latinOnly = Object.entries(zh).filter(([k, v]) => !/[\u4e00-\u9fff]/.test(v) && !['lang_switch_to', 'home_hero_kicker'].includes(k));
		expect(latinOnly.map(([k]) => k)).toEqual([]);
	});
});
