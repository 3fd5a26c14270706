import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The labelled sets live in ../shared/data beside the checkout (CI lays them there too). */
export const SHARED_DATA = process.env.BULWARK_SHARED_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data');

export function sharedDataFile(name: string): string {
  const path = join(SHARED_DATA, name);
  if (!existsSync(path)) throw new Error(`labelled set not found: ${path} (set BULWARK_SHARED_DATA)`);
  return path;
}
