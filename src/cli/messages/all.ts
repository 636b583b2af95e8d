// Registers every area's messages with the catalogue.
import { coreMessages } from './core.js';
import { registerMessages } from './index.js';

for (const area of [coreMessages]) registerMessages(area);
