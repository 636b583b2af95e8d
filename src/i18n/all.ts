// Registers every area's messages with the catalogue.
import { calendarMessages } from './calendar.js';
import { coreMessages } from './core.js';
import { importMessages } from './import.js';
import { lifecycleMessages } from './lifecycle.js';
import { ordersMessages } from './orders.js';
import { reportMessages } from './report.js';
import { safetyMessages } from './safety.js';
import { registerMessages } from './index.js';

for (const area of [coreMessages, calendarMessages, lifecycleMessages, ordersMessages, importMessages, reportMessages, safetyMessages]) registerMessages(area);
