/**
 * The demo week: the 2018 China Overseas Talent Innovation Week in Dalian (facts from
 * shared/seed/FACTS.md). People are invented and look it (example.com addresses).
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
		address: tx('大连市高新区黄浦路 1 号（示例地址）', '1 Huangpu Road, High-tech Zone, Dalian (sample address)'),
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
		address: tx('大连市高新区火炬路 32 号（示例地址）', '32 Torch Road, High-tech Zone, Dalian (sample address)'),
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
		address: tx('大连市高新区软件园路 8 号（示例地址）', '8 Software Park Road, High-tech Zone, Dalian (sample address)'),
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
		address: tx('大连市高新区七贤岭 18 号（示例地址）', '18 Qixianling, High-tech Zone, Dalian (sample address)'),
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
		address: tx('大连市高新区数码路 66 号（示例地址）', '66 Digital Road, High-tech Zone, Dalian (sample address)'),
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
		address: tx('加拿大温哥华（示例地址）', 'Vancouver, BC, Canada (sample address)'),
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
		address: tx('美国西雅图（示例地址）', 'Seattle, WA, USA (sample address)'),
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
		address: tx('日本京都（示例地址）', 'Kyoto, Japan (sample address)'),
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

export const GIVEN = ['Alex', 'Bo', 'Chen', 'Dana', 'Eli', 'Fang', 'Grace', 'Hao', 'Iris', 'Jun', 'Kai', 'Lena', 'Ming', 'Nora', 'Omar', 'Ping', 'Quinn', 'Rui', 'Sara', 'Tao', 'Uma', 'Victor', 'Wen', 'Xin', 'Yan', 'Zoe'];
export const FAMILY = [
	['Example', '示例'],
	['Sample', '样本'],
	['Demo', '演示'],
	['Testwell', '测试'],
	['Placeholder', '占位']
] as const;
export const ZH_GIVEN = ['安', '博', '晨', '丹', '恩', '芳', '歌', '浩', '依', '俊', '凯', '琳', '明', '诺', '欧', '平', '青', '瑞', '思', '涛', '雨', '维', '文', '欣', '燕', '卓'];
export const COUNTRIES = ['US', 'CA', 'JP', 'DE', 'GB', 'AU', 'SG', 'FR', 'IL', 'NL', 'KR', 'CN'];
export const ORGS = [
	'Example University',
	'Sample Institute of Technology',
	'Demo Biotech Inc.',
	'Placeholder Energy Labs',
	'Testwell Robotics',
	'Example Capital Partners',
	'Sample Health Systems',
	'Demo Data Co.'
];

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_LOGINS = [
	{ role: 'admin', email: 'admin@example.com', name: 'Ada Admin', nameZh: '管理员演示' },
	{ role: 'organizer', email: 'organizer@example.com', name: 'Olivia Organizer', nameZh: '组委会演示' },
	{ role: 'staff', email: 'staff@example.com', name: 'Sam Staff', nameZh: '工作人员演示' },
	{ role: 'partner', email: 'partner@example.com', name: 'Pat Partner', nameZh: '联络人演示', partner: 'boston-sino-us' },
	{ role: 'attendee', email: 'attendee@example.com', name: 'Avery Attendee', nameZh: '参会者演示' }
] as const;
