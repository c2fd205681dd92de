// `npm run capacity`: prints the tables' capacity model (tools/capacity-model.ts), as docs/architecture.md shows it.
import { capacityModel, capacityTables } from '../../capacity-model.js';
import { defineCommand } from '../runner.js';

export const capacityCommand = defineCommand({
  name: 'capacity',
  usage: `usage: npm run capacity
Prints the tables' capacity model: item sizes, write units per reject and per attribution write, the hottest
partitions' load and where each design breaks, from the functions' own item builders.`,
  options: {},
  async run({ io }) {
    io.out(capacityTables());
    const { queueStorageBytes } = capacityModel();
    io.out(`\nA queue of 1,000,000 holds about ${(queueStorageBytes / 1e9).toFixed(2)} GB of index.`);
    return 0;
  },
});
