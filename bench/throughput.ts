// 5. Throughput of the local API at 16 connections for 10 s (autocannon), for the record.

import autocannon from 'autocannon';
import { pathTo } from '../functions/http/route.js';
import { rejectReferralRoute } from '../functions/http/routes/reject-referral.js';
import type { RejectGateway } from './latency.js';
import type { Report } from './report.js';
import type { RequestPath } from './request-path.js';

export const measureThroughput = async (path: RequestPath, gateway: RejectGateway, report: Report): Promise<void> => {
  console.log('Measuring local API throughput (autocannon, 16 connections, 10 s)…');
  const poolIds = await path.seedAttributions('tp', 12_000);
  const server = await path.startHttpServer(gateway, {
    port: 0,
    failed: () => path.gatewayErrorResponse('DEFAULT_5XX', 'bench', 500),
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 16,
    duration: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: pathTo(rejectReferralRoute, { id: poolIds[next++ % poolIds.length] as string }),
          headers: { 'x-api-key': path.key, 'content-type': 'application/json' },
          body: '{"reason":"throughput"}',
        }),
      },
    ],
  });
  server.close();
  report.record('throughput (c=16)', 'local API, rejects/s', Math.round(result.requests.average), null, 'req/s', 'for the record', null);
  report.record(
    'throughput (c=16)',
    'local API, 2xx share',
    Math.round((result['2xx'] / Math.max(1, result.requests.total)) * 1000) / 10,
    null,
    '%',
    'for the record',
    null,
  );
};
