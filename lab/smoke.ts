/**
 * `npx tsx lab/smoke.ts`: proves the harness end to end — a stack comes up, leads created in the
 * sandbox are routed and their owners written back, the worker survives a SIGKILL and restart.
 */
import { startStack } from './stack';

async function main(): Promise<void> {
  const started = Date.now();
  const stack = await startStack({ id: `smoke_${process.pid}`, monday: process.argv.includes('--monday') });
  try {
    console.log(`stack up in ${Date.now() - started} ms (logs: ${stack.logDir})`);
    const leads = await stack.hubspot.createLeads(3);
    const owners = await stack.waitFor('3 owners written back', async () => {
      const found = await stack.hubspot.owners();
      return leads.every((l) => found.has(l.id)) && found;
    });
    console.log(`owners: ${leads.map((l) => `${l.id}→${owners.get(l.id)}`).join(', ')}`);
    await stack.kill('worker');
    const more = await stack.hubspot.createLeads(2);
    await stack.start('worker');
    await stack.waitFor('owners after the worker restart', async () => {
      const found = await stack.hubspot.owners();
      return more.every((l) => found.has(l.id));
    });
    const stored = await stack.leads();
    const writes = await stack.hubspot.writes();
    console.log(
      `leads stored: ${stored.length}, written back: ${stored.filter((l) => l.writeback_status === 'done').length}, owner writes: ${writes.length}`,
    );
    console.log(
      `api leads: ${(await stack.apiList('/v1/leads')).length}; memory: ${JSON.stringify(stack.memory('api'))}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
