import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';

/** Whether a TCP connection to host:port is accepted (true) or refused (false). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(5_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** This machine's own addresses other than loopback (IPv4 and IPv6, link-local excluded). */
const outward = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80:'))
  .map((a) => a!.address);

describe('DynamoDB Local (integration global setup, as the local stack starts it)', () => {
  const port = Number(new URL(process.env.AWS_ENDPOINT_URL_DYNAMODB ?? 'http://127.0.0.1:0').port);

  it('answers on 127.0.0.1', async () => {
    expect(port).toBeGreaterThan(0);
    expect(await accepts('127.0.0.1', port)).toBe(true);
  });

  it.skipIf(outward.length === 0)('refuses connections on every other address of the machine', async () => {
    for (const address of outward) expect(await accepts(address, port), address).toBe(false);
  });
});
