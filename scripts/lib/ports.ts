import { Socket } from 'node:net';

/** True when something already accepts connections on 127.0.0.1:port. */
export function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    const done = (inUse: boolean) => {
      socket.destroy();
      resolvePromise(inUse);
    };
    socket.setTimeout(500);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** Fails with one clear message naming every busy port and what needs it. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const busy: string[] = [];
  for (const [what, port] of Object.entries(ports)) {
    if (await isPortInUse(port)) busy.push(`  ${port} (${what})`);
  }
  if (busy.length > 0) {
    throw new Error(
      `These ports are already in use:\n${busy.join('\n')}\n` +
        'Another `npm run dev` or `npm test` may still be running: stop it, or free the ports, and try again.',
    );
  }
}
