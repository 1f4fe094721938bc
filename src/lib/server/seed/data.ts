/**
 * The demo week: the 2018 China Overseas Talent Innovation Week in Dalian (facts from
 * shared/seed/FACTS.md). People and organisations are invented but ordinary, in both scripts; their
 * mail goes to example.com, which can never reach a real person.
 */
import type { I18nText } from '../db/columns';

const tx = (zh: string, en: string): I18nText => ({ zh, en });

export const EVENT = {
	slug: 'haichuang-2018',
	name: tx('2018 中国海创周', 'China Overseas Talent Innovation Week 2018'),
	tagline: tx('海创周 + 国际加速器 + 海外工作站', 'The Innovation Week + international accelerators + overseas workstations'),
	description: tx(
		'中国海创周是吸引海外学子携技术、项目和创意来大连高新区创新创业的国家级平台。本届活动为期五天，包括开幕式、六大领域专题论坛、项目路演、精准对接会和孵化载体参观，五家海外工作站在本届获授牌。',
		'The China Overseas Talent Innovation Week is a national platform that brings overseas students and scholars with technology, projects and ideas to start companies in the Dalian High-tech Zone. Five days of opening ceremony, forums in six fields, project roadshows, pre-matching meetings and visits to incubators; five overseas workstations receive their plaques this year.'
	),
	city: tx('大连', 'Dalian'),
	timeZone: 'Asia/Shanghai'
};

export const TRACKS = [
	{ slug: 'ai', name: tx('人工智能', 'Artificial intelligence'), color: '#7c3aed' },
	{ slug: 'energy', name: tx('新能源与新材料', 'New energy and new materials'), color: '#047857' },
	{ slug: 'biomed', name: tx('生物医药', 'Biomedicine'), color: '#b91c1c' },
	{ slug: 'bigdata', name: tx('大数据', 'Big data'), color: '#1d4ed8' },
	{ slug: 'health', name: tx('大健康', 'Big health'), color: '#be185d' },
	{ slug: 'equipment', name: tx('高端装备', 'Advanced equipment'), color: '#b45309' }
] as const;

export interface VenueSeed {
	key: string;
	name: I18nText;
	address: I18nText;
	city: I18nText;
	kind: 'conference' | 'hotel' | 'incubator' | 'maker_space' | 'accelerator' | 'park' | 'abroad';
	timeZone?: string;
	lat: number;
	lon: number;
	opensAt: string;
	closesAt: string;
	rooms: { key: string; name: I18nText; capacity: number }[];
}

export const VENUES: VenueSeed[] = [
	{
		key: 'icc',
		name: tx('高新区国际会议中心', 'High-tech Zone International Conference Center'),
		address: tx('大连市高新园区黄浦路 537 号', '537 Huangpu Road, High-tech Zone, Dalian'),
		city: tx('大连', 'Dalian'),
		kind: 'conference',
		lat: 38.8645,
		lon: 121.5218,
		opensAt: '08:00',
		closesAt: '22:00',
		rooms: [
			{ key: 'main', name: tx('主会场', 'Main Hall'), capacity: 1200 },
			{ key: 'a', name: tx('多功能厅 A', 'Hall A'), capacity: 300 },
			{ key: 'b', name: tx('多功能厅 B', 'Hall B'), capacity: 300 },
			{ key: 'r201', name: tx('会议室 201', 'Room 201'), capacity: 80 },
			{ key: 'r202', name: tx('会议室 202', 'Room 202'), capacity: 80 }
		]
	},
	{
		key: 'esc',
		name: tx('大连高新区创业服务中心', 'Dalian High-tech Entrepreneurship Service Center'),
		address: tx('大连市高新园区火炬路 32 号', '32 Huoju Road, High-tech Zone, Dalian'),
		city: tx('大连', 'Dalian'),
		kind: 'incubator',
		lat: 38.8598,
		lon: 121.5301,
		opensAt: '08:30',
		closesAt: '18:00',
		rooms: [{ key: 'roadshow', name: tx('路演厅', 'Roadshow Hall'), capacity: 150 }]
	},
	{
		key: 'maker',
		name: tx('软件园众创空间', 'Software Park Maker Space'),
		address: tx('大连市高新园区软件园路 8 号', '8 Software Park Road, High-tech Zone, Dalian'),
		city: tx('大连', 'Dalian'),
		kind: 'maker_space',
		lat: 38.8701,
		lon: 121.5127,
		opensAt: '09:00',
		closesAt: '18:00',
		rooms: [{ key: 'workshop', name: tx('开放工坊', 'Open Workshop'), capacity: 60 }]
	},
	{
		key: 'accel',
		name: tx('高新区国际加速器', 'High-tech Zone International Accelerator'),
		address: tx('大连市高新园区七贤岭广贤路 18 号', '18 Guangxian Road, Qixianling, High-tech Zone, Dalian'),
		city: tx('大连', 'Dalian'),
		kind: 'accelerator',
		lat: 38.8752,
		lon: 121.5453,
		opensAt: '09:00',
		closesAt: '18:00',
		rooms: [{ key: 'lab', name: tx('加速器展示厅', 'Accelerator Showroom'), capacity: 100 }]
	},
	{
		key: 'hotel',
		name: tx('海创国际酒店', 'Innovation Week International Hotel'),
		address: tx('大连市高新园区数码路北段 66 号', '66 Shuma Road North, High-tech Zone, Dalian'),
		city: tx('大连', 'Dalian'),
		kind: 'hotel',
		lat: 38.8667,
		lon: 121.5359,
		opensAt: '07:00',
		closesAt: '23:30',
		rooms: [{ key: 'ballroom', name: tx('宴会厅', 'Ballroom'), capacity: 500 }]
	},
	{
		key: 'vancouver',
		name: tx('温哥华揽才活动会场', 'Vancouver recruiting venue'),
		address: tx('加拿大不列颠哥伦比亚省温哥华市西乔治亚街 1088 号', '1088 West Georgia Street, Vancouver, BC V6E 3H6, Canada'),
		city: tx('温哥华', 'Vancouver'),
		kind: 'abroad',
		timeZone: 'America/Vancouver',
		lat: 49.2827,
		lon: -123.1207,
		opensAt: '08:00',
		closesAt: '21:00',
		rooms: [{ key: 'yvr', name: tx('温哥华会议室', 'Vancouver Meeting Room'), capacity: 120 }]
	},
	{
		key: 'seattle',
		name: tx('西雅图揽才活动会场', 'Seattle recruiting venue'),
		address: tx('美国华盛顿州西雅图市派克街 705 号', '705 Pike Street, Seattle, WA 98101, USA'),
		city: tx('西雅图', 'Seattle'),
		kind: 'abroad',
		timeZone: 'America/Los_Angeles',
		lat: 47.6062,
		lon: -122.3321,
		opensAt: '08:00',
		closesAt: '21:00',
		rooms: [{ key: 'sea', name: tx('西雅图会议室', 'Seattle Meeting Room'), capacity: 120 }]
	},
	{
		key: 'kyoto',
		name: tx('京都揽才活动会场', 'Kyoto recruiting venue'),
		address: tx('日本京都府京都市下京区乌丸通七条下 721 号', '721 Karasuma-dori Shichijo-sagaru, Shimogyo-ku, Kyoto, Japan'),
		city: tx('京都', 'Kyoto'),
		kind: 'abroad',
		timeZone: 'Asia/Tokyo',
		lat: 35.0116,
		lon: 135.7681,
		opensAt: '08:00',
		closesAt: '21:00',
		rooms: [{ key: 'kix', name: tx('京都会议室', 'Kyoto Meeting Room'), capacity: 100 }]
	}
];

export const PARTNERS = [
	{
		slug: 'boston-sino-us',
		name: tx('中美企业（波士顿）创新中心', 'Sino-US Enterprise (Boston) Innovation Center'),
		kind: 'innovation_center' as const,
		city: tx('波士顿', 'Boston'),
		country: 'US',
		timeZone: 'America/New_York',
		fields: ['biomed', 'health', 'ai'],
		lat: 42.3601,
		lon: -71.0589
	},
	{
		slug: 'silicon-valley-hta',
		name: tx('硅谷高创会', 'Silicon Valley High-tech Association'),
		kind: 'association' as const,
		city: tx('圣何塞', 'San Jose'),
		country: 'US',
		timeZone: 'America/Los_Angeles',
		fields: ['ai', 'bigdata', 'equipment'],
		lat: 37.3382,
		lon: -121.8863
	},
	{
		slug: 'kekong-global',
		name: tx('科控全球', 'KeKong Global'),
		kind: 'company' as const,
		city: tx('西雅图', 'Seattle'),
		country: 'US',
		timeZone: 'America/Los_Angeles',
		fields: ['bigdata', 'ai', 'health'],
		lat: 47.6062,
		lon: -122.3321
	},
	{
		slug: 'china-canada-cleantech',
		name: tx('中加清洁技术创新中心', 'China-Canada Clean Technology Innovation Center'),
		kind: 'innovation_center' as const,
		city: tx('温哥华', 'Vancouver'),
		country: 'CA',
		timeZone: 'America/Vancouver',
		fields: ['energy', 'equipment'],
		lat: 49.2827,
		lon: -123.1207
	},
	{
		slug: 'wailian-innovation',
		name: tx('外联创新集团', 'Wailian Innovation Group'),
		kind: 'workstation' as const,
		city: tx('京都', 'Kyoto'),
		country: 'JP',
		timeZone: 'Asia/Tokyo',
		fields: ['equipment', 'energy', 'biomed'],
		lat: 35.0116,
		lon: 135.7681
	}
];

export const CATEGORIES = [
	{ slug: 'overseas-talent', name: tx('海外人才', 'Overseas talent'), capacity: 220, requiresApproval: true, color: '#1d4ed8' },
	{ slug: 'enterprise', name: tx('企业', 'Enterprise'), capacity: 150, requiresApproval: true, color: '#047857' },
	{ slug: 'investor', name: tx('投资机构', 'Investor'), capacity: 80, requiresApproval: true, color: '#b45309' },
	{ slug: 'incubator', name: tx('孵化器与加速器', 'Incubator or accelerator'), capacity: 60, requiresApproval: true, color: '#7c3aed' },
	{ slug: 'government', name: tx('政府部门', 'Government'), capacity: 50, requiresApproval: false, color: '#374151' },
	{ slug: 'media', name: tx('媒体', 'Media'), capacity: 30, requiresApproval: true, color: '#be185d' },
	{ slug: 'guest', name: tx('特邀嘉宾', 'Guest'), capacity: null, requiresApproval: true, color: '#b91c1c' }
];

/**
 * Name pools for invented people. Overseas talent is mostly Chinese scholars abroad, so most people
 * have a Chinese name (and its pinyin); the others have ordinary names of the country they live in.
 */
export const ZH_FAMILY = [
	['Wang', '王'], ['Li', '李'], ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Zhao', '赵'],
	['Huang', '黄'], ['Zhou', '周'], ['Wu', '吴'], ['Xu', '徐'], ['Sun', '孙'], ['Ma', '马'], ['Zhu', '朱'],
	['Hu', '胡'], ['Guo', '郭'], ['He', '何'], ['Lin', '林'], ['Gao', '高'], ['Luo', '罗'], ['Song', '宋'],
	['Tang', '唐'], ['Han', '韩'], ['Feng', '冯'], ['Deng', '邓'], ['Cao', '曹'], ['Peng', '彭'], ['Xie', '谢']
] as const;
export const ZH_GIVEN_NAMES = [
	['Wei', '伟'], ['Fang', '芳'], ['Min', '敏'], ['Jing', '静'], ['Lei', '磊'], ['Qiang', '强'], ['Yang', '洋'],
	['Jie', '杰'], ['Xiuying', '秀英'], ['Hui', '慧'], ['Tao', '涛'], ['Ming', '明'], ['Chao', '超'], ['Xin', '欣'],
	['Yu', '宇'], ['Hao', '浩'], ['Ting', '婷'], ['Jun', '俊'], ['Lan', '岚'], ['Kai', '凯'], ['Ning', '宁'],
	['Rui', '睿'], ['Yifan', '一帆'], ['Zihan', '子涵'], ['Jiahui', '佳慧'], ['Siyuan', '思远'], ['Haoran', '浩然'],
	['Xiaowen', '晓雯'], ['Zhiyuan', '志远'], ['Mengyao', '梦瑶'], ['Junjie', '俊杰'], ['Yuxuan', '雨萱'], ['Bowen', '博文']
] as const;
/** Ordinary names of the countries people come from (those without a Chinese name). */
export const LOCAL_NAMES: Record<string, { given: string[]; family: string[] }> = {
	US: { given: ['Emily', 'James', 'Olivia', 'Daniel', 'Hannah', 'Michael', 'Rachel', 'Kevin'], family: ['Carter', 'Miller', 'Brooks', 'Reed', 'Foster', 'Hayes', 'Bennett', 'Coleman'] },
	CA: { given: ['Sophie', 'Liam', 'Chloe', 'Ethan', 'Megan', 'Owen'], family: ['Tremblay', 'MacDonald', 'Gagnon', 'Campbell', 'Roy', 'Fraser'] },
	JP: { given: ['Kenji', 'Aiko', 'Haruto', 'Yui', 'Takeshi', 'Mei'], family: ['Tanaka', 'Sato', 'Suzuki', 'Watanabe', 'Ito', 'Nakamura'] },
	DE: { given: ['Lukas', 'Anna', 'Felix', 'Lea', 'Jonas', 'Miriam'], family: ['Müller', 'Schmidt', 'Weber', 'Wagner', 'Becker', 'Hoffmann'] },
	GB: { given: ['Oliver', 'Charlotte', 'Harry', 'Amelia', 'George', 'Isla'], family: ['Taylor', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker'] },
	AU: { given: ['Jack', 'Ruby', 'Noah', 'Matilda', 'Lachlan', 'Zoe'], family: ['Mitchell', 'Kelly', 'Ryan', 'Harris', 'Clarke', 'Murphy'] },
	SG: { given: ['Darren', 'Priya', 'Marcus', 'Nurul', 'Ryan', 'Shu Fen'], family: ['Tan', 'Lim', 'Ng', 'Rahman', 'Ong', 'Teo'] },
	FR: { given: ['Camille', 'Louis', 'Manon', 'Hugo', 'Léa', 'Julien'], family: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefèvre'] },
	IL: { given: ['Noa', 'Yonatan', 'Tamar', 'Itai', 'Maya', 'Eitan'], family: ['Cohen', 'Levi', 'Mizrahi', 'Peretz', 'Friedman', 'Katz'] },
	NL: { given: ['Daan', 'Sanne', 'Bram', 'Fleur', 'Thijs', 'Lotte'], family: ['de Jong', 'Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit'] },
	KR: { given: ['Min-jun', 'Ji-woo', 'Seo-yeon', 'Do-hyun', 'Ha-eun', 'Joon-ho'], family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang'] },
	CN: { given: [], family: [] }
};
export const COUNTRIES = ['US', 'CA', 'JP', 'DE', 'GB', 'AU', 'SG', 'FR', 'IL', 'NL', 'KR', 'CN'];
/** Invented organisations that read like ordinary ones; { zh, en } where a speaker shows them. */
export const ORGS = [
	{ en: 'Lakeshore University', zh: '莱克肖尔大学' },
	{ en: 'Pacific Rim Institute of Technology', zh: '环太平洋理工学院' },
	{ en: 'Northgate Biotherapeutics', zh: '北门生物治疗公司' },
	{ en: 'Aurora Clean Energy Labs', zh: '极光清洁能源实验室' },
	{ en: 'Meridian Robotics', zh: '子午线机器人公司' },
	{ en: 'Harborview Capital', zh: '港景资本' },
	{ en: 'Clearwater Health Systems', zh: '清水健康系统' },
	{ en: 'Bluefin Data', zh: '蓝鳍数据' },
	{ en: 'Kestrel Semiconductor', zh: '红隼半导体' },
	{ en: 'Tidewater Medical Devices', zh: '潮汐医疗器械' },
	{ en: 'Dalian Ocean Materials Co.', zh: '大连海洋材料有限公司' },
	{ en: 'Summit Precision Instruments', zh: '顶峰精密仪器' }
];

/** Demo logins, one per role; ordinary names, so what an organizer sees reads like a real week. */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_LOGINS = [
	{ role: 'admin', email: 'admin@example.com', name: 'Grace Lin', nameZh: '林雅' },
	{ role: 'organizer', email: 'organizer@example.com', name: 'Olivia Chen', nameZh: '陈晓薇' },
	{ role: 'staff', email: 'staff@example.com', name: 'Samuel Wu', nameZh: '吴山' },
	{ role: 'partner', email: 'partner@example.com', name: 'Patrick Zhang', nameZh: '张博远', partner: 'boston-sino-us' },
	{ role: 'attendee', email: 'attendee@example.com', name: 'Avery Li', nameZh: '李安然' }
] as const;

const FIELD_ZH: Record<string, string> = { ai: '人工智能', energy: '新能源与新材料', biomed: '生物医药', bigdata: '大数据', health: '大健康', equipment: '高端装备' };
const FIELD_EN: Record<string, string> = { ai: 'artificial intelligence', energy: 'new energy and materials', biomed: 'biomedicine', bigdata: 'big data', health: 'health care', equipment: 'advanced equipment' };
export const fieldWords = (f: string) => ({ zh: FIELD_ZH[f] ?? f, en: FIELD_EN[f] ?? f });

/** An ASCII mail box for a name: "Lefèvre" → "lefevre", "de Jong" → "dejong". */
const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

/**
 * The k-th invented person living in `country`: a Chinese name (pinyin surname first, as the national
 * standard writes it) for most, else an ordinary local name. Deterministic, so every demo is the same.
 */
export function inventedPerson(k: number, country: string): { name: string; nameZh: string | null; mailbox: string } {
	// A multiplicative hash spreads consecutive k over the pools (k itself steps through the countries).
	const h = Math.imul(k + 1, 2654435761) >>> 0;
	const local = LOCAL_NAMES[country];
	const chinese = country === 'CN' || !local?.given.length || h % 10 < 6;
	if (chinese) {
		const [famEn, famZh] = ZH_FAMILY[(h >>> 4) % ZH_FAMILY.length];
		const [givEn, givZh] = ZH_GIVEN_NAMES[(h >>> 12) % ZH_GIVEN_NAMES.length];
		return { name: `${famEn} ${givEn}`, nameZh: `${famZh}${givZh}`, mailbox: `${ascii(givEn)}.${ascii(famEn)}` };
	}
	const given = local.given[(h >>> 4) % local.given.length];
	const family = local.family[(h >>> 12) % local.family.length];
	return { name: `${given} ${family}`, nameZh: null, mailbox: `${ascii(given)}.${ascii(family)}` };
}
