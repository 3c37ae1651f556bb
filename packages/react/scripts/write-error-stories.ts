// Writes the generated error stories files (see src/stories-support/error-story-files.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_STORY_FILES, errorStoryFileText } from '../src/stories-support/error-story-files.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
for (const file of ERROR_STORY_FILES) {
  writeFileSync(join(src, file.path), errorStoryFileText(file));
  console.log(`wrote ${file.path}`);
}
