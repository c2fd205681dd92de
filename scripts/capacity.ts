// `npm run capacity`: prints the tables' capacity model (lib/capacity-model.ts), as docs/architecture.md shows it.
import { capacityModel, capacityTables } from '../lib/capacity-model.js';

console.log(capacityTables());
const { breaks, shards, queueStorageBytes } = capacityModel();
console.log(
  `\nBreaks: one partition per status at ${breaks.statusPartition} attribution writes/s; ${shards} queue shards at ` +
    `${breaks.queueShardsAllHeld} writes/s into the queue (${breaks.queueShardsUsual} attribution writes/s when 2 % are held); ` +
    `an account at ${Math.floor(breaks.accountRequestsPerSecond)} requests/s or ${breaks.bulkRejectsPerSecond.toFixed(1)} bulk rejects of 100/s. ` +
    `A queue of 1,000,000 holds about ${(queueStorageBytes / 1e9).toFixed(2)} GB of index.`,
);
