/**
 * ISO 3166-1 alpha-2 codes accepted by "country" questions; names come from Intl.DisplayNames in the
 * viewer's language, except where the national standard names a region of China (GB/T 2659):
 * 中国台湾 / Taiwan, China; 中国香港 / Hong Kong, China; 中国澳门 / Macao, China. Every place that shows,
 * offers or exports a region takes its name from `countryName` or `countryOptions`.
 */
export const COUNTRY_LIST = 'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(' ');
export const COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRY_LIST);

const REGIONS_OF_CHINA: Record<string, { zh: string; en: string }> = {
	TW: { zh: '中国台湾', en: 'Taiwan, China' },
	HK: { zh: '中国香港', en: 'Hong Kong, China' },
	MO: { zh: '中国澳门', en: 'Macao, China' }
};

const displayNames = new Map<string, Intl.DisplayNames>();

/** The region's name in the language (`zh…` or anything else as English); the code itself if unknown. */
export function countryName(code: string | null | undefined, locale: string): string {
	if (!code) return '';
	const c = code.toUpperCase();
	const own = REGIONS_OF_CHINA[c];
	if (own) return locale.startsWith('zh') ? own.zh : own.en;
	if (!COUNTRY_CODES.has(c)) return code;
	let names = displayNames.get(locale);
	if (!names) displayNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
	return names.of(c) ?? c;
}

export function countryOptions(locale: string): { value: string; label: string }[] {
	return COUNTRY_LIST.map((c) => ({ value: c, label: countryName(c, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale));
}
