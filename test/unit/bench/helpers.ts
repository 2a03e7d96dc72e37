import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../fixtures/bench/', import.meta.url));

/** Bytes of a fixture in test/fixtures/bench. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(dir + name));
}

/** Text of a UTF-8 fixture in test/fixtures/bench. */
export function fixtureText(name: string): string {
  return readFileSync(dir + name, 'utf8');
}
