// Registers every area's messages with the catalogue.
import { calendarMessages } from './calendar.js';
import { circularMessages } from './circular.js';
import { coreMessages } from './core.js';
import { importMessages } from './import.js';
import { inputMessages } from './input.js';
import { lifecycleMessages } from './lifecycle.js';
import { loopMessages } from './loop.js';
import { ordersMessages } from './orders.js';
import { reportMessages } from './report.js';
import { safetyMessages } from './safety.js';
import { registerMessages } from './index.js';
import { terminalMessages } from './terminal.js';

for (const area of [coreMessages, calendarMessages, lifecycleMessages, ordersMessages, importMessages, reportMessages, loopMessages, safetyMessages, circularMessages, inputMessages, terminalMessages]) registerMessages(area);
