/**
 * A space where Chinese meets a Latin word or a number that starts after it ("报名参加2018 中国海创周"
 * → "报名参加 2018 中国海创周", "AI论坛" → "AI 论坛"), as Chinese typography asks for (W3C clreq).
 * A number written into Chinese is left alone ("2026年12月2日", "共150个"): dates and counts with
 * their unit.
 */
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const hanThenLatin = new RegExp(`([${HAN}])([A-Za-z]|\\d+(?![\\d${HAN}]))`, 'g');
const latinThenHan = new RegExp(`([A-Za-z])([${HAN}])`, 'g');

export function spaceCjk(text: string): string {
	return text.replace(hanThenLatin, '$1 $2').replace(latinThenHan, '$1 $2');
}
