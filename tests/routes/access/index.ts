/** Every domain's entries; a domain adds its file here. */
import { foundation, type Entry } from './matrix';
import { schedule } from './schedule';
import { registrations } from './registrations';
import { checkin } from './checkin';
import { partners } from './partners';
import { visa } from './visa';
import { matchmakingPages } from './matchmaking-pages';
import { matchApi } from './match-api';

export const entries: Entry[] = [...foundation, ...schedule, ...registrations, ...checkin, ...partners, ...visa, ...matchmakingPages, ...matchApi];
