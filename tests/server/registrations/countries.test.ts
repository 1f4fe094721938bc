/** Regions of China are named as the national standard names them, wherever a region is listed, shown or exported. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db';
import { makeUser } from '../../helpers/factory';
import * as registrations from '$lib/server/registrations';
import { csvExport } from '$lib/server/registrations/csv';
import { countryName, countryOptions } from '$lib/server/registrations/countries';
import { eventWithCategory } from './helpers';

useTestDatabase();

describe('region names', () => {
	it('names Taiwan, Hong Kong and Macao as regions of China in both languages', () => {
		expect(['TW', 'HK', 'MO', 'CN', 'JP'].map((c) => countryName(c, 'zh-CN'))).toEqual(['中国台湾', '中国香港', '中国澳门', '中国', '日本']);
		expect(['TW', 'HK', 'MO', 'CN', 'JP'].map((c) => countryName(c, 'en'))).toEqual(['Taiwan, China', 'Hong Kong, China', 'Macao, China', 'China', 'Japan']);
		expect([countryName('tw', 'en'), countryName(null, 'en'), countryName('XX', 'zh-CN')]).toEqual(['Taiwan, China', '', 'XX']);
	});

	it('offers no bare 台湾 or Taiwan in the country lists', () => {
		for (const locale of ['zh-CN', 'en']) {
			const labels = countryOptions(locale).map((o) => o.label);
			expect(labels.filter((l) => /台湾|香港|澳门|Taiwan|Hong Kong|Maca[ou]/.test(l))).toEqual(
				locale === 'en' ? ['Hong Kong, China', 'Macao, China', 'Taiwan, China'] : ['中国澳门', '中国台湾', '中国香港']
			);
			expect(labels).toHaveLength(new Set(labels).size);
		}
	});

	it('exports the region code with its name in the export language', async () => {
		const { event } = await eventWithCategory();
		const org = await makeUser('organizer');
		await registrations.register(await makeUser('attendee'), event.slug, { category: 'talent', answers: { field: 'ai', country: 'TW' }, consent: true });
		for (const [locale, name] of [['zh-CN', '中国台湾'], ['en', '"Taiwan, China"']]) {
			const lines = (await csvExport(org, event.slug, {}, locale)).replace('\ufeff', '').trim().split(/\r?\n/);
			expect(lines[0]).toMatch(/,organization,country,country_name,field,/);
			expect(lines[1]).toContain(`,TW,${name},ai,`);
		}
	});
});
