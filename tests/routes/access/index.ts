/** Every domain's entries; a domain adds its file here. */
import { foundation, type Entry } from './matrix';

export const entries: Entry[] = [...foundation];
