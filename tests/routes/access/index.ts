/** Every domain's entries; a domain adds its file here. */
import { foundation, type Entry } from './matrix';
import { schedule } from './schedule';

export const entries: Entry[] = [...foundation, ...schedule];
