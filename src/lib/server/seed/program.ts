/** Generates the demo week's program: 80-odd sessions over five days, in both languages. */
import type { I18nText } from '../db/columns';
import { zonedTime, addDays } from '$lib/time';
import { TRACKS } from './data';

const tx = (zh: string, en: string): I18nText => ({ zh, en });

type TrackSlug = (typeof TRACKS)[number]['slug'];

const TOPICS: Record<TrackSlug, I18nText[]> = {
	ai: [tx('产业智能化与大模型落地', 'Industrial AI and putting large models to work'), tx('机器人与智能制造', 'Robotics and smart manufacturing'), tx('AI 创业的第一笔融资', "An AI start-up's first round")],
	energy: [tx('氢能与储能', 'Hydrogen and energy storage'), tx('新材料的产业化路径', 'Taking new materials to industry'), tx('清洁技术的中加合作', 'China-Canada clean-tech cooperation')],
	biomed: [tx('创新药与临床转化', 'Novel drugs and clinical translation'), tx('医疗器械注册与出海', 'Medical devices: approval and export'), tx('生物医药集群的下一步', 'The next step for the biomedicine cluster')],
	bigdata: [tx('工业数据与数据要素市场', 'Industrial data and data markets'), tx('云原生与数据安全', 'Cloud native and data security'), tx('智慧城市的数据底座', 'Data foundations for smart cities')],
	health: [tx('数字健康与远程医疗', 'Digital health and telemedicine'), tx('康养产业的新模式', 'New models for elderly care'), tx('精准营养与健康管理', 'Precision nutrition and health management')],
	equipment: [tx('高端数控与精密制造', 'High-end CNC and precision manufacturing'), tx('海工装备与船舶智能化', 'Marine equipment and smart shipping'), tx('工业软件国产化', 'Domestic industrial software')]
};

export interface SessionSeed {
	code: string;
	title: I18nText;
	abstract: I18nText;
	kind: 'opening' | 'keynote' | 'forum' | 'roadshow' | 'prematching' | 'site_visit' | 'networking' | 'recruiting' | 'break';
	track: TrackSlug | null;
	room: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number | null;
	requiresBooking: boolean;
	partner?: string;
	speakers: number;
}

export function buildProgram(startDate: string, tz = 'Asia/Shanghai'): SessionSeed[] {
	const out: SessionSeed[] = [];
	let n = 100;
	const at = (day: number, from: string, to: string, zone = tz) => ({
		startsAt: zonedTime(addDays(startDate, day), from, zone),
		endsAt: zonedTime(addDays(startDate, day), to, zone)
	});
	const add = (s: Omit<SessionSeed, 'code' | 'abstract' | 'speakers'> & { abstract?: I18nText; speakers?: number }) =>
		out.push({
			code: `HC${++n}`,
			abstract:
				s.abstract ??
				tx(
					`${s.title.zh}。面向海外人才、企业与投资机构，交流项目与合作机会。`,
					`${s.title.en}. For overseas talent, companies and investors to meet and explore projects together.`
				),
			speakers: s.speakers ?? 0,
			...s
		});
	const tracks = TRACKS.map((t) => t.slug);
	const trackName = (slug: TrackSlug) => TRACKS.find((t) => t.slug === slug)!.name;

	// Day 1: opening, keynotes, first forums, welcome dinner.
	add({ title: tx('开幕式暨海外工作站授牌仪式', 'Opening ceremony and overseas workstation plaque awards'), kind: 'opening', track: null, room: 'main', ...at(0, '09:00', '10:30'), capacity: 1200, requiresBooking: false, speakers: 3 });
	add({ title: tx('主旨演讲：海外人才与区域创新生态', 'Keynote: overseas talent and a regional innovation ecosystem'), kind: 'keynote', track: null, room: 'main', ...at(0, '10:45', '11:30'), capacity: 1200, requiresBooking: false, speakers: 1 });
	add({ title: tx('主旨演讲：从实验室到产业园', 'Keynote: from the lab to the industrial park'), kind: 'keynote', track: null, room: 'main', ...at(0, '11:30', '12:00'), capacity: 1200, requiresBooking: false, speakers: 1 });
	add({ title: tx('欢迎晚宴', 'Welcome dinner'), kind: 'networking', track: null, room: 'ballroom', ...at(0, '18:30', '20:30'), capacity: 400, requiresBooking: true });

	for (let day = 0; day < 5; day++) {
		add({ title: tx('午餐', 'Lunch'), kind: 'break', track: null, room: 'main', ...at(day, '12:00', '13:30'), capacity: null, requiresBooking: false });
		// Two forums a day in halls A and B, morning (days 2-5) and afternoon (days 1-4).
		for (const [hall, offset] of [['a', 0], ['b', 1]] as const) {
			const track = tracks[(day * 2 + offset) % tracks.length] as TrackSlug;
			const topic = TOPICS[track][day % 3];
			if (day > 0) add({ title: tx(`${trackName(track).zh}论坛：${topic.zh}`, `${trackName(track).en} forum: ${topic.en}`), kind: 'forum', track, room: hall, ...at(day, '09:00', '12:00'), capacity: 300, requiresBooking: false, speakers: 3 });
			if (day < 4) {
				const t2 = tracks[(day * 2 + offset + 3) % tracks.length] as TrackSlug;
				const topic2 = TOPICS[t2][(day + 1) % 3];
				add({ title: tx(`${trackName(t2).zh}专题研讨：${topic2.zh}`, `${trackName(t2).en} workshop: ${topic2.en}`), kind: 'forum', track: t2, room: hall, ...at(day, '13:30', '17:00'), capacity: 300, requiresBooking: false, speakers: 2 });
			}
		}
		// Pre-matching meetings (精准对接) in the small rooms: seats must be booked.
		for (const [room, i] of [['r201', 0], ['r202', 1]] as const) {
			for (const [from, to, j] of [['09:30', '11:00', 0], ['14:00', '15:30', 1], ['16:00', '17:30', 2]] as const) {
				if (day === 4 && j > 0) continue;
				const track = tracks[(day + i * 3 + j) % tracks.length] as TrackSlug;
				add({ title: tx(`精准对接会：${trackName(track).zh}项目与企业`, `Pre-matching meeting: ${trackName(track).en} projects and companies`), kind: 'prematching', track, room, ...at(day, from, to), capacity: 30, requiresBooking: true });
			}
		}
		// Project roadshows (项目路演) at the incubator.
		if (day < 4) {
			for (const [from, to, j] of [['09:30', '11:30', 0], ['14:00', '16:30', 1]] as const) {
				const track = tracks[(day * 2 + j + 2) % tracks.length] as TrackSlug;
				add({ title: tx(`项目路演：${trackName(track).zh}`, `Project roadshow: ${trackName(track).en}`), kind: 'roadshow', track, room: 'roadshow', ...at(day, from, to), capacity: 150, requiresBooking: false, speakers: 1 });
			}
		}
	}
	// Site visits (参观) to the incubation carriers; seats on the bus are booked.
	add({ title: tx('参观：软件园众创空间', 'Site visit: Software Park Maker Space'), kind: 'site_visit', track: 'ai', room: 'workshop', ...at(1, '14:00', '16:00'), capacity: 40, requiresBooking: true });
	add({ title: tx('参观：高新区国际加速器', 'Site visit: High-tech Zone International Accelerator'), kind: 'site_visit', track: 'equipment', room: 'lab', ...at(2, '14:00', '16:00'), capacity: 40, requiresBooking: true });
	add({ title: tx('参观：大连高新区创业服务中心', 'Site visit: Dalian High-tech Entrepreneurship Service Center'), kind: 'site_visit', track: 'biomed', room: 'roadshow', ...at(4, '09:00', '11:00'), capacity: 40, requiresBooking: true });
	add({ title: tx('参观：众创空间创客市集', 'Site visit: maker fair at the maker space'), kind: 'site_visit', track: 'health', room: 'workshop', ...at(3, '09:30', '11:30'), capacity: 40, requiresBooking: true });
	// Finals and closing.
	add({ title: tx('海创项目路演总决赛', 'Innovation Week project roadshow finals'), kind: 'roadshow', track: null, room: 'main', ...at(3, '14:00', '17:00'), capacity: 1200, requiresBooking: false, speakers: 2 });
	add({ title: tx('投资人交流会', 'Investor networking evening'), kind: 'networking', track: null, room: 'ballroom', ...at(2, '18:30', '20:30'), capacity: 200, requiresBooking: true });
	add({ title: tx('闭幕式暨成果发布', 'Closing ceremony and results'), kind: 'opening', track: null, room: 'main', ...at(4, '14:00', '15:30'), capacity: 1200, requiresBooking: false, speakers: 2 });
	add({ title: tx('海外工作站圆桌会', 'Overseas workstations round table'), kind: 'networking', track: null, room: 'lab', ...at(4, '16:00', '17:30'), capacity: 60, requiresBooking: true, speakers: 2 });
	// Satellite recruiting events abroad, in their own zones, run with a workstation.
	add({ title: tx('温哥华海外揽才活动', 'Vancouver recruiting event'), kind: 'recruiting', track: 'energy', room: 'yvr', ...at(1, '10:00', '12:00', 'America/Vancouver'), capacity: 120, requiresBooking: false, partner: 'china-canada-cleantech', speakers: 1 });
	add({ title: tx('西雅图海外揽才活动', 'Seattle recruiting event'), kind: 'recruiting', track: 'bigdata', room: 'sea', ...at(2, '10:00', '12:00', 'America/Los_Angeles'), capacity: 120, requiresBooking: false, partner: 'kekong-global', speakers: 1 });
	add({ title: tx('京都海外揽才活动', 'Kyoto recruiting event'), kind: 'recruiting', track: 'equipment', room: 'kix', ...at(3, '14:00', '16:00', 'Asia/Tokyo'), capacity: 100, requiresBooking: false, partner: 'wailian-innovation', speakers: 1 });
	return out;
}
