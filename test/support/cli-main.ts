import { main } from '../../src/cli';

/** The CLI entry point for tests that spawn it from source: `node -r ./test/support/register-ts.js test/support/cli-main.ts …`. */
void main(process.argv);
