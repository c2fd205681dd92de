// `npm run capacity`: prints the tables' capacity model (tools/capacity-model.ts), as docs/architecture.md shows it.
import { capacityModel, capacityTables } from '../tools/capacity-model.js';

console.log(capacityTables());
const { queueStorageBytes } = capacityModel();
console.log(`\nA queue of 1,000,000 holds about ${(queueStorageBytes / 1e9).toFixed(2)} GB of index.`);
