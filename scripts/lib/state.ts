import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalIdentity } from './local-env';
import { ROOT } from './topology';

export const DEV_DATA_DIR = join(ROOT, '.data');
const STATE_FILE = join(DEV_DATA_DIR, 'stack.json');

/** `npm run dev` records the local pool ids so `npm run seed` and `npm run pay` can find them. */
export function saveDevIdentity(identity: LocalIdentity): void {
  writeFileSync(STATE_FILE, JSON.stringify(identity, null, 2));
}

export function loadDevIdentity(): LocalIdentity {
  if (!existsSync(STATE_FILE)) {
    throw new Error('The local store is not running: start it with `npm run dev` first.');
  }
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as LocalIdentity;
}
