// Packs the kit once for every test file of the suite (building twice would also race on dist/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packKit } from './tarballs.js';

export default function setup(project: TestProject): () => void {
  const packs = mkdtempSync(join(tmpdir(), 'kki-packs-'));
  project.provide('kkiTarballs', packKit(packs));
  return () => rmSync(packs, { recursive: true, force: true });
}
